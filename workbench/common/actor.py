"""Who acts: a user with the role they hold in one project, or a named part of the system.

The door (a view, an admin action, a command, a job) resolves the actor once, through
``workbench.corpus.access``, and hands it to the services, which trust it: they compare the
role it carries with the one the action needs and the project it was resolved for with the
object's, without asking the database again. A service has no default for its ``actor``, so
a forgotten argument is a ``TypeError``, never a silent pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from workbench.common.errors import Forbidden, NotFound
from workbench.common.roles import Role


@dataclass(frozen=True)
class Actor:
    """A user and the role they hold in a project, or the system acting for ``acts_for``.

    ``project_id`` is the project the role was resolved in (``None`` for a signed-in user
    outside any project, and for system actors, which act in every project as moderators).
    Build people's actors with ``workbench.corpus.access``; build system actors with
    ``Actor.system``.
    """

    user: AbstractBaseUser | None
    project_id: int | None
    role: str | None
    acts_for: str = ""

    def __post_init__(self) -> None:
        if self.role is not None and self.role not in Role.values:
            raise ValueError(f"unknown role {self.role!r}")
        if self.user is None and not self.acts_for:
            raise ValueError("an actor without a user must say what it acts for")

    def __str__(self) -> str:
        if self.is_system:
            who = f" on behalf of {self.user.get_username()}" if self.user is not None else ""
            return f"system:{self.acts_for}{who}"
        return f"{self.user.get_username()} ({self.role or 'no role'} in {self.project_id})"

    @classmethod
    def system(cls, acts_for: str, *, user: AbstractBaseUser | None = None) -> Actor:
        """The system acting for ``acts_for`` (a command, a job kind, an import), in any
        project, as a moderator; ``user`` is the person it acts on behalf of, if any, who is
        then recorded as the author of what it writes."""
        if not acts_for:
            raise ValueError("a system actor must say what it acts for")
        return cls(user=user, project_id=None, role=Role.MODERATOR, acts_for=acts_for)

    @classmethod
    def person(cls, user: AbstractBaseUser) -> Actor:
        """A signed-in user outside any project (for actions that belong to no project yet,
        such as creating one)."""
        return cls(user=user, project_id=None, role=None)

    @property
    def is_system(self) -> bool:
        """Whether this is the system rather than a person acting through a door."""
        return bool(self.acts_for)

    @property
    def user_id(self) -> int | None:
        """The acting (or represented) user's id, or ``None``."""
        return self.user.pk if self.user is not None else None

    @property
    def is_reviewer(self) -> bool:
        """Whether the role is reviewer or moderator."""
        return self.at_least(Role.REVIEWER)

    @property
    def is_moderator(self) -> bool:
        """Whether the role is moderator (superusers and the system are)."""
        return self.at_least(Role.MODERATOR)

    def at_least(self, role: str) -> bool:
        """Whether the actor's role is ``role`` or a higher one."""
        return self.role is not None and Role.rank(self.role) >= Role.rank(role)

    def owns(self, author_id: int | None) -> bool:
        """Whether ``author_id`` is the acting user."""
        return author_id is not None and author_id == self.user_id

    def require(self, role: str = Role.ANNOTATOR, *, project_id: int) -> Actor:
        """Check the actor may act with ``role`` in ``project_id``; return it.

        An actor resolved for another project (or for none) gets ``NotFound``, as an outsider
        does; a role below ``role`` gets ``Forbidden``. System actors pass in every project.
        """
        if not self.is_system and self.project_id != project_id:
            raise NotFound(_("Not found."))
        if not self.at_least(role):
            raise Forbidden(
                _("This action needs the %(role)s role in this project.") % {"role": role}
            )
        return self
