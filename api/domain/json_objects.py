"""Free-form JSON objects that the API documents under a name of their own.

`Named` becomes the object's component in openapi.yaml (see `api.openapi.NamedObjectSchemaPlugin`), so the
generated client has a model a user can name (`JsonSchema`) instead of one numbered by its place in a union
(`UpsertRuleJsonSchemaType0`). msgspec ignores the marker: these decode and encode as plain dicts.
"""

from dataclasses import dataclass
from typing import Annotated, Any


@dataclass(frozen=True)
class Named:
    """The component name and description of a free-form object in the OpenAPI document."""

    title: str
    description: str


JsonSchema = Annotated[
    dict[str, Any], Named("JsonSchema", "A JSON Schema document: the schema of a whole event payload.")
]
Event = Annotated[
    dict[str, Any], Named("Event", "An event as the HTTP Tracking API carries it (`type`, `event`, ...).")
]
SourceConfiguration = Annotated[dict[str, Any], Named("SourceConfiguration", "A source's own settings, kept as given.")]
