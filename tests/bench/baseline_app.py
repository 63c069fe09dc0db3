"""The baseline: a Litestar app whose one handler answers a constant JSON object, with no database or auth."""

from litestar import Litestar, get

CONSTANT_BODY = {"data": {"status": "SUCCESS"}}


@get("/")
async def constant() -> dict[str, dict[str, str]]:
    """Async like the service's handlers, so both go through the same call path in Litestar."""
    return CONSTANT_BODY


def create_baseline_app() -> Litestar:
    """Factory for uvicorn, which starts it exactly as it starts the service."""
    return Litestar(route_handlers=[constant], debug=False)
