"""Random, URL-safe resource ids such as `tp_…` and `rs_…`."""

import secrets
import string

_ALPHABET = string.ascii_letters + string.digits
ID_PATTERN = r"^[A-Za-z0-9_-]{1,100}$"
"""What an id in a path may look like; anything else is refused before it reaches the database."""
ID_LENGTH = 24
"""Random characters after the prefix: 24 of 62 symbols, about 143 bits."""


def new_id(prefix: str) -> str:
    """A fresh id: `prefix` + `_` + random alphanumerics."""
    return prefix + "_" + "".join(secrets.choice(_ALPHABET) for _ in range(ID_LENGTH))
