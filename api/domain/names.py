"""Display names, descriptions and the slugs derived from names."""

import re
import unicodedata
from typing import Annotated

import msgspec

_PRINTABLE = r"[^\x00-\x1f\x7f]"

DisplayName = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=200,
        # not blank, no control characters
        pattern=rf"^{_PRINTABLE}*[^\x00-\x1f\x7f\s]{_PRINTABLE}*$",
        description="A name of 1 to 200 characters, not blank, without control characters.",
    ),
]
Description = Annotated[
    str, msgspec.Meta(max_length=2000, pattern=r"^[^\x00]*$", description="Up to 2,000 characters.")
]


def slugify(name: str) -> str:
    """`Checkout Flow (v2)` -> `checkout-flow-v2`; ASCII, lower case, words joined by dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:100].rstrip("-") or "plan"
