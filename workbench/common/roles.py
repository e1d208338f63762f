"""Project roles, from least to most powerful: the vocabulary every layer shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Project roles, from least to most powerful."""

    ANNOTATOR = "annotator", _("Annotator")
    REVIEWER = "reviewer", _("Reviewer")
    MODERATOR = "moderator", _("Moderator")

    @classmethod
    def rank(cls, role: str) -> int:
        """Position of ``role`` in the order annotator < reviewer < moderator."""
        return list(cls.values).index(role)
