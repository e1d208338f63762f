"""The one place that decides who may see and do what in a project.

Non-members get ``NotFound`` so nobody learns that an object exists; members whose role is
too low get ``Forbidden``. Superusers pass every check.
"""

from operator import attrgetter
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from workbench.common.errors import Forbidden, NotFound
from workbench.common.fields import parse_id
from workbench.corpus.models import Document, Membership, Project, Role, Segment

User = AbstractBaseUser | AnonymousUser
M = TypeVar("M", bound=Model)


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
        raise NotFound(_("Not found."))
    if Role.rank(held) < Role.rank(role):
        raise Forbidden(_("This action needs the %(role)s role in this project.") % {"role": role})
    return held


def visible_projects(user: User) -> QuerySet[Project]:
    """Projects ``user`` may see: all for superusers, their own for everyone else."""
    if not user.is_authenticated:
        return Project.objects.none()
    if user.is_superuser:
        return Project.objects.all()
    return Project.objects.filter(memberships__user_id=user.pk)


def moderated_projects(user: User) -> QuerySet[Project]:
    """Projects ``user`` moderates (all of them for superusers).

    The user and the role are matched in one ``filter()`` call so that both conditions apply
    to the same membership row; chained filters would mean "the user is a member and someone
    is a moderator".
    """
    if not user.is_authenticated:
        return Project.objects.none()
    if user.is_superuser:
        return Project.objects.all()
    return Project.objects.filter(memberships__user_id=user.pk, memberships__role=Role.MODERATOR)


def access_object(
    user: User,
    queryset: QuerySet[M],
    pk: object,
    *,
    project: str,
    role: str = Role.ANNOTATOR,
) -> M:
    """Fetch ``queryset``'s object ``pk`` and check ``user`` holds ``role`` in its project.

    ``project`` is the dotted attribute path from the object to its project id, for example
    ``"document.project_id"``; select the related rows it walks in ``queryset``. A missing
    object and an outsider both get ``NotFound``, so nothing leaks whether it exists.
    """
    number = parse_id(pk)
    try:
        obj = queryset.get(pk=number) if number else None
    except queryset.model.DoesNotExist:
        obj = None
    if obj is None:
        raise NotFound(_("Not found."))
    check_role(user, attrgetter(project)(obj), role)
    return obj


def access_project(user: User, project_id: object, *, role: str = Role.ANNOTATOR) -> Project:
    """Fetch a project the user may act on with at least ``role``."""
    return access_object(user, Project.objects.all(), project_id, project="pk", role=role)


def access_document(user: User, document_id: object, *, role: str = Role.ANNOTATOR) -> Document:
    """Fetch a document the user may act on with at least ``role``."""
    queryset = Document.objects.select_related("project")
    return access_object(user, queryset, document_id, project="project_id", role=role)


def access_segment(user: User, segment_id: object, *, role: str = Role.ANNOTATOR) -> Segment:
    """Fetch a segment the user may act on with at least ``role``."""
    queryset = Segment.objects.select_related("document__project")
    return access_object(user, queryset, segment_id, project="document.project_id", role=role)


def check_not_own_work(actor: User, project_id: int, author_id: int | None) -> None:
    """Under the project's four-eyes review (on by default), raise ``Forbidden`` when the
    reviewing ``actor`` is the author of the work under review."""
    if author_id is None or author_id != actor.pk:
        return
    if Project.objects.filter(pk=project_id, four_eyes_review=True).exists():
        raise Forbidden(
            _("This project uses four-eyes review: someone else must review your own work.")
        )
