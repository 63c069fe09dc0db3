"""Revisions of a resource: what `ETag` shows and what `If-Match` asks for."""

import msgspec

from api.errors import PreconditionFailed

IF_MATCH = "If-Match"


class Precondition(msgspec.Struct, frozen=True):
    """What an `If-Match` header asks: that the resource is still at `revision`.

    `revision` is None when the header names no ETag this server sends; that matches nothing.
    It is checked only once the resource is found, so a bad request or a missing resource
    answers 4xx first, as RFC 9110 §13.2.1 wants.
    """

    revision: int | None

    def check(self, current: int) -> None:
        """Raise 412 unless `current` is the revision asked for."""
        if self.revision is None:
            raise PreconditionFailed(f"{IF_MATCH} must be an ETag this server sent, like '\"3\"'.", subject="revision")
        if self.revision != current:
            raise PreconditionFailed(
                f"The current revision is {current}, not {self.revision}; read it again and retry.", subject="revision"
            )


def parse_if_match(header: str | None) -> Precondition | None:
    """`"7"`, `W/"7"` or `7` ask for revision 7; an absent header or `*` asks for nothing."""
    if header is None or header.strip() == "*":
        return None
    tag = header.strip().removeprefix("W/").strip('"')
    # isdigit() alone admits digits such as '²' that int() refuses
    return Precondition(int(tag) if tag.isascii() and tag.isdigit() else None)
