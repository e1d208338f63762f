"""Documents and helpers for translation tests, built through the real import service."""

from tests.factories import make_document
from workbench.corpus.models import Project

#: A small document: four Arabic sentences, a mixed Arabic/English one, an English one.
TEXT = (
    "الثورة السورية مستمرة.\n\n"
    "لا بديل عن إسقاط الأسد.\n\n"
    "شعارنا اليوم هو: Stop the war now and open the fronts\n\n"
    "This line is English only.\n\n"
    "قال الرئيس إن NATO تدعم أوكرانيا.\n\n"
    "صحيفة من العمال والمظلومين العرب.\n"
)
ENGLISH_RUN = "Stop the war now and open the fronts"


def arabic_document(project: Project, text: str = TEXT, name: str = "ar.txt"):
    """Import ``text`` into ``project`` and return the document."""
    return make_document(project, text, name=name)
