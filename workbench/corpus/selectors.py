"""Reads from the corpus, always scoped to what the user may see."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value

from workbench.corpus.access import User, moderated_projects, visible_projects
from workbench.corpus.models import Document, Membership, Project, Role, Segment


def project_list(*, user: User) -> QuerySet[Project]:
    """Projects visible to ``user``, with their document counts and the user's role."""
    if user.is_authenticated and user.is_superuser:
        role = Value(Role.MODERATOR.value)
    else:
        role = Subquery(
            Membership.objects.filter(project=OuterRef("pk"), user_id=user.pk).values("role")[:1]
        )
    return (
        visible_projects(user)
        .annotate(document_count=Count("documents", distinct=True), my_role=role)
        .order_by("name")
    )


def member_list(*, project: Project) -> QuerySet[Membership]:
    """A project's memberships with their users."""
    return project.memberships.select_related("user").order_by("user__username")


def document_visible(*, user: User) -> QuerySet[Document]:
    """Documents in projects visible to ``user``, without their (possibly large) text."""
    return Document.objects.filter(project__in=visible_projects(user)).defer("text")


def document_list(*, user: User) -> QuerySet[Document]:
    """Documents visible to ``user`` with their segment counts, in a stable order."""
    return (
        document_visible(user=user)
        .annotate(segments_n=Count("segments"))
        .order_by("project_id", "source_name", "revision")
    )


def user_visible(*, user: User) -> QuerySet[AbstractBaseUser]:
    """The people ``user`` works with: members of the projects visible to ``user``."""
    return (
        get_user_model()
        .objects.filter(memberships__project__in=visible_projects(user))
        .distinct()
        .order_by("username")
    )


def segment_list(*, document: Document) -> QuerySet[Segment]:
    """A document's segments in order."""
    return document.segments.order_by("index")


def segment_visible(*, user: User) -> QuerySet[Segment]:
    """Segments of every document visible to ``user``."""
    return Segment.objects.filter(document__project__in=visible_projects(user))


#: Shortest search term that lists accounts: no one can page through every account.
MEMBER_SEARCH_MIN = 2


def member_candidates(*, user: User, term: str) -> QuerySet:
    """Accounts ``user`` may add to a project they moderate, found by ``term``.

    Superusers search every account. A moderator finds, by part of a username or name, the
    members of the projects they moderate, and anyone else only by their exact username; a
    term shorter than ``MEMBER_SEARCH_MIN`` characters finds no one.
    """
    people = get_user_model().objects.filter(is_active=True).order_by("username")
    term = term.strip()
    if len(term) < MEMBER_SEARCH_MIN or not user.is_authenticated:
        return people.none()
    partial = (
        Q(username__icontains=term) | Q(first_name__icontains=term) | Q(last_name__icontains=term)
    )
    if user.is_superuser:
        return people.filter(partial)
    moderated = moderated_projects(user)
    co_members = Membership.objects.filter(project__in=moderated).values("user_id")
    return people.filter((partial & Q(pk__in=co_members)) | Q(username=term))
