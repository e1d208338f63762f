"""Forms of the browser pages: the document filter and the upload form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.web.languages import language_name


class DocumentFilterForm(forms.Form):
    """Search over titles and file names, and a filter by segment language."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, languages: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("any language"))] + [
            (code, language_name(code)) for code in languages
        ]


class UploadForm(forms.Form):
    """A UTF-8 ``.txt`` or ``.md`` file to import as a document."""

    file = forms.FileField(label=_("File (.txt or .md, UTF-8)"), allow_empty_file=True)
