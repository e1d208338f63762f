"""The one place that decides who may see and do what in a project.

The ``access_*`` helpers fetch an object and resolve who acts on it, once: they return the
object and an ``Actor`` (the user, the object's project, the role held there) that the door
hands to the services, which trust it. Non-members get ``NotFound`` so nobody learns that an
object exists; members whose role is too low get ``Forbidden``. Superusers pass every check
as moderators.
"""

from collections.abc import Iterable
from operator import attrgetter
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from workbench.common.actor import Actor
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


def actor_for(user: User, project_id: int, *, role: str = Role.ANNOTATOR) -> Actor:
    """Resolve ``user``'s actor in the project (one membership query; none for superusers).

    Raises ``NotFound`` for outsiders and ``Forbidden`` when the role held is below ``role``.
    """
    held = user_role(user, project_id)
    if held is None:
        raise NotFound(_("Not found."))
    actor = Actor(user=user, project_id=project_id, role=held)
    return actor.require(role, project_id=project_id)


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
) -> tuple[M, Actor]:
    """Fetch ``queryset``'s object ``pk`` and resolve ``user``'s actor in its project.

    ``project`` is the dotted attribute path from the object to its project id, for example
    ``"document.project_id"``; select the related rows it walks in ``queryset``. A missing
    object and an outsider both get ``NotFound``, so nothing leaks whether it exists; a role
    below ``role`` gets ``Forbidden``.
    """
    obj = _fetch(queryset, pk)
    return obj, actor_for(user, attrgetter(project)(obj), role=role)


def access_object_as(
    actor: Actor, queryset: QuerySet[M], pk: object, *, project: str, role: str = Role.ANNOTATOR
) -> M:
    """Fetch another object for an actor already resolved, without asking for the role again:
    an object of another project gets ``NotFound``, as for an outsider."""
    obj = _fetch(queryset, pk)
    actor.require(role, project_id=attrgetter(project)(obj))
    return obj


def _fetch(queryset: QuerySet[M], pk: object) -> M:
    """The object with id ``pk`` (1 to 19 ASCII digits, see ``parse_id``), or ``NotFound``."""
    number = parse_id(pk)
    try:
        if not number:
            raise queryset.model.DoesNotExist
        return queryset.get(pk=number)
    except queryset.model.DoesNotExist:
        raise NotFound(_("Not found.")) from None


def access_project(
    user: User, project_id: object, *, role: str = Role.ANNOTATOR
) -> tuple[Project, Actor]:
    """Fetch a project the user may act on with at least ``role``, and the user's actor."""
    return access_object(user, Project.objects.all(), project_id, project="pk", role=role)


def access_document(
    user: User, document_id: object, *, role: str = Role.ANNOTATOR
) -> tuple[Document, Actor]:
    """Fetch a document the user may act on with at least ``role``, and the user's actor."""
    queryset = Document.objects.select_related("project")
    return access_object(user, queryset, document_id, project="project_id", role=role)


def access_segment(
    user: User, segment_id: object, *, role: str = Role.ANNOTATOR
) -> tuple[Segment, Actor]:
    """Fetch a segment the user may act on with at least ``role``, and the user's actor."""
    queryset = Segment.objects.select_related("document__project")
    return access_object(user, queryset, segment_id, project="document.project_id", role=role)


def check_not_own_work(actor: Actor, project_id: int, author_id: int | None) -> None:
    """Under the project's four-eyes review (on by default), raise ``Forbidden`` when the
    reviewing ``actor`` is the author of the work under review."""
    if author_id is None or not actor.owns(author_id):
        return
    if Project.objects.filter(pk=project_id, four_eyes_review=True).exists():
        raise own_work_refused()


def own_work_refused() -> Forbidden:
    """The error for a review of one's own work under four-eyes review."""
    return Forbidden(
        _("This project uses four-eyes review: someone else must review your own work.")
    )


def four_eyes_projects(project_ids: Iterable[int]) -> set[int]:
    """Which of ``project_ids`` use four-eyes review, in one query (for bulk reviews)."""
    return set(
        Project.objects.filter(pk__in=set(project_ids), four_eyes_review=True).values_list(
            "pk", flat=True
        )
    )


def can_create_projects(actor: Actor) -> bool:
    """Whether ``actor`` may create projects: the system, staff, or anyone when
    ``WORKBENCH_PROJECT_CREATORS`` is ``everyone``."""
    if actor.is_system:
        return True
    user = actor.user
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return settings.WORKBENCH_PROJECT_CREATORS == "everyone" or user.is_staff
