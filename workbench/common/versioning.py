"""Entity tags for versioned objects: ``"<id>-<version>"`` out, ``If-Match`` in.

Any model with an integer ``version`` that its services bump on every change can be served
with an ``ETag`` and accept the tag back in ``If-Match`` instead of a ``version`` field; a
stale one is a 409 through ``common.errors.check_version``.
"""

from django.db.models import Model
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request

from workbench.common.errors import Conflict, Invalid
from workbench.common.fields import parse_id

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description='The object\'s ETag ("<id>-<version>"), instead of a version field.',
)


def etag(instance: Model) -> str:
    """The entity tag of an object's current version."""
    return f'"{instance.pk}-{instance.version}"'


def if_match_version(request: Request, instance: Model) -> int | None:
    """The version named by an ``If-Match`` header, or ``None`` when there is none."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    tag = header.removeprefix("W/").strip('"')
    pk, _sep, version = tag.rpartition("-")
    pk_number, version_number = parse_id(pk), parse_id(version)
    if pk_number is None or version_number is None:
        raise Invalid(_('Expected an ETag such as "12-3".'), field="If-Match")
    if pk_number != instance.pk:
        raise Conflict(_("This ETag belongs to another object."), instance=instance)
    return version_number


def requested_version(request: Request, instance: Model, version: int | None) -> int | None:
    """The version a change is based on: ``version`` from the body, else the ``If-Match`` tag."""
    return version if version is not None else if_match_version(request, instance)
