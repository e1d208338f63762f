"""The accounts admin, and the account search behind the members inline.

The members inline picks people through the admin's autocomplete, never a list of every
account. Its search goes through ``member_candidates``: a moderator finds the members of the
projects they moderate by part of a name, and anyone else only by their exact username.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from workbench.corpus.access import moderated_projects
from workbench.corpus.selectors import member_candidates

User = get_user_model()


def _member_search(request: HttpRequest) -> bool:
    """Whether ``request`` is the members inline's autocomplete search."""
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("app_label") == "corpus"
        and request.GET.get("model_name") == "membership"
        and request.GET.get("field_name") == "user"
    )


class AccountAdmin(UserAdmin):
    """Django's user admin; moderators may use only its search for new members."""

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        if super().has_view_permission(request, obj):
            return True
        return (
            obj is None
            and _member_search(request)
            and request.user.is_staff
            and moderated_projects(request.user).exists()
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        if _member_search(request):
            return member_candidates(user=request.user, term=search_term), False
        return super().get_search_results(request, queryset, search_term)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
