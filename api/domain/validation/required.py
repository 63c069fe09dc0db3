"""`required` along plain `properties` chains, checked in Python rather than by jsonschema-rs.

Why: jsonschema-rs's Python errors carry a copy of the instance they are about, and a `required`
error is about the whole object that lacks the name: for a payload with an array of products that
copy costs ten times the check. `Required` is also Segment's most common violation.

Which: a `required` in a subschema reached from the root through `properties` alone, where no
`$ref` beside it makes the drafts before 2019-09 ignore its siblings. Such a `required` applies
exactly when every object on the way holds the next name and the last value is an object; each
name it lacks there is one `Required` violation, as jsonschema-rs would report it. Every other
`required` (under `items`, `anyOf`, `not`, `if`, a `$ref`, …) stays in the schema jsonschema-rs
compiles.
"""

from typing import Any

from api.domain.validation.dialect import REF_IGNORES_SIBLINGS

Path = tuple[str, ...]
_ABSENT = object()


def split_required(schema: Any, draft: str) -> tuple[Any, list[tuple[Path, tuple[str, ...]]]]:
    """The schema less the `required` keywords found along plain `properties` chains, and those (path, names)."""
    found: list[tuple[Path, tuple[str, ...]]] = []

    def strip(node: Any, path: Path) -> Any:
        """`node` less its plain `required`s; the node itself when it has none (copies only what changes)."""
        if type(node) is not dict or ("$ref" in node and draft in REF_IGNORES_SIBLINGS):
            return node
        names = node.get("required")
        taken = False
        if isinstance(names, list) and names and all(isinstance(name, str) for name in names):
            found.append((path, tuple(dict.fromkeys(names))))
            taken = True
        children = node.get("properties")
        changed: dict[str, Any] | None = None
        if type(children) is dict:
            for name, child in children.items():
                if type(child) is dict and ("required" in child or "properties" in child):
                    stripped = strip(child, (*path, name))
                    if stripped is not child:
                        changed = changed if changed is not None else dict(children)
                        changed[name] = stripped
        if not taken and changed is None:
            return node
        copy = {key: value for key, value in node.items() if not (taken and key == "required")}
        if changed is not None:
            copy["properties"] = changed
        return copy

    stripped = strip(schema, ())
    return (stripped, found) if found else (schema, [])


def missing(required: list[tuple[Path, tuple[str, ...]]], instance: Any) -> list[tuple[Path, str]]:
    """Each (object path, name) the instance lacks, in the order the schema lists them."""
    lacking = []
    for path, names in required:
        node = _object_at(instance, path)
        if node is not None:
            lacking += [(path, name) for name in names if name not in node]
    return lacking


def has_all(required: list[tuple[Path, tuple[str, ...]]], instance: Any) -> bool:
    """Whether the instance lacks none of them: the fast path of `missing`."""
    for path, names in required:
        node = _object_at(instance, path)
        if node is not None and not all(name in node for name in names):
            return False
    return True


def _object_at(instance: Any, path: Path) -> dict[str, Any] | None:
    """The object at `path` when every step on the way is an object holding the next name; else None."""
    node = instance
    for step in path:
        node = node.get(step, _ABSENT) if type(node) is dict else _ABSENT
        if node is _ABSENT:
            return None
    return node if type(node) is dict else None
