"""The export actions on the documents' admin page.

The corpus app's ``DocumentAdmin`` knows nothing of export formats; this app, which sits above
it, registers the documents' admin again with its export actions added.
"""

from django.contrib import admin

from workbench.corpus.admin import DocumentAdmin
from workbench.corpus.models import Document
from workbench.exchange.admin_actions import (
    export_annotations_csv,
    export_annotations_jsonl,
    export_annotations_webannotation,
)


class DocumentExportAdmin(DocumentAdmin):
    """``DocumentAdmin`` with the annotation exports as actions."""

    actions = [
        *DocumentAdmin.actions,
        export_annotations_jsonl,
        export_annotations_csv,
        export_annotations_webannotation,
    ]


admin.site.unregister(Document)
admin.site.register(Document, DocumentExportAdmin)
