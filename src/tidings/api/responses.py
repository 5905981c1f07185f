"""The error answers the API's operations document, in one place (OpenAPI `responses`)."""

from __future__ import annotations

from typing import Any

from tidings.api.schemas import ErrorOut

Responses = dict[int | str, dict[str, Any]]

SIGNED_IN: Responses = {
    401: {"model": ErrorOut, "description": "No API token or session, or a bad token."},
    403: {"model": ErrorOut, "description": "The caller may not do this (role or CSRF)."},
}
NOT_FOUND: Responses = {404: {"model": ErrorOut, "description": "No such item."}}
BAD_REQUEST: Responses = {
    400: {"model": ErrorOut, "description": "The request cannot be understood (a body that "
          "is not UTF-8, say)."}
}
REFUSED: Responses = {
    400: {"model": ErrorOut, "description": "Refused as it stands (the detail says why)."}
}
TOO_MANY: Responses = {
    429: {"model": ErrorOut, "description": "Over the rate limit; wait and try again."}
}
