"""Named SQL queries, loaded once from the `.sql` files beside this module.

Each query starts with a `-- name --` header line, then one comment line saying what it does.
"""

import re
from importlib import resources

_HEADER = re.compile(r"^-- (\w+) --$", re.MULTILINE)


def load(filename: str) -> dict[str, str]:
    """The queries of `sql/<filename>`, by name."""
    text = resources.files("api.store").joinpath("sql", filename).read_text()
    parts = _HEADER.split(text)[1:]
    return {name: body.strip() for name, body in zip(parts[::2], parts[1::2], strict=True)}
