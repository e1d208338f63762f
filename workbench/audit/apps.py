"""App configuration for the audit trail."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "workbench.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from workbench.audit.receivers import record_hard_deletes
        from workbench.common.signals import hard_deleted

        hard_deleted.connect(record_hard_deletes, dispatch_uid="audit-hard-deletes")
