"""The one place that decides who may see and do what in a project.

Non-members get ``Http404`` so the API never reveals that an object exists; members whose
role is too low get ``PermissionDenied``. Superusers pass every check.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from workbench.corpus.models import Document, Membership, Project, Role, Segment

User = AbstractBaseUser | AnonymousUser


def user_role(user: User, project_id: int) -> str | None:
    """The role ``user`` holds in the project, ``moderator`` for superusers, else ``None``."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.MODERATOR
    return (
        Membership.objects.filter(project_id=project_id, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )


def has_role(user: User, project_id: int, role: str) -> bool:
    """Whether ``user`` holds ``role`` or a higher one in the project."""
    held = user_role(user, project_id)
    return held is not None and Role.rank(held) >= Role.rank(role)


def check_role(user: User, project_id: int, role: str = Role.ANNOTATOR) -> str:
    """Return the user's role, raising 404 for outsiders and 403 when it is below ``role``."""
    held = user_role(user, project_id)
    if held is None:
        raise Http404(_("Not found."))
    if Role.rank(held) < Role.rank(role):
        raise PermissionDenied(
            _("This action needs the %(role)s role in this project.") % {"role": role}
        )
    return held


def visible_projects(user: User) -> QuerySet[Project]:
    """Projects ``user`` may see: all for superusers, their own for everyone else."""
    if not user.is_authenticated:
        return Project.objects.none()
    if user.is_superuser:
        return Project.objects.all()
    return Project.objects.filter(memberships__user_id=user.pk)


def moderated_projects(user: User) -> QuerySet[Project]:
    """Projects ``user`` moderates (all of them for superusers)."""
    if user.is_authenticated and user.is_superuser:
        return Project.objects.all()
    return visible_projects(user).filter(memberships__role=Role.MODERATOR)


def access_project(user: User, project_id: int, *, role: str = Role.ANNOTATOR) -> Project:
    """Fetch a project the user may act on with at least ``role``."""
    try:
        project = Project.objects.get(pk=project_id)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Not found.")) from None
    check_role(user, project.pk, role)
    return project


def access_document(user: User, document_id: int, *, role: str = Role.ANNOTATOR) -> Document:
    """Fetch a document the user may act on with at least ``role``."""
    try:
        document = Document.objects.select_related("project").get(pk=document_id)
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Not found.")) from None
    check_role(user, document.project_id, role)
    return document


def access_segment(user: User, segment_id: int, *, role: str = Role.ANNOTATOR) -> Segment:
    """Fetch a segment the user may act on with at least ``role``."""
    try:
        segment = Segment.objects.select_related("document__project").get(pk=segment_id)
    except (Segment.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Not found.")) from None
    check_role(user, segment.document.project_id, role)
    return segment
