"""The web view's Router under /ui: pages, sign-in, its own error pages, security headers, templates, static files.

The view is read-only and server-rendered (Jinja2 through Litestar's template support); a small script and a
style sheet come from `/ui/static`, never inline, so the Content-Security-Policy can forbid inline scripts.
Forms (sign-in, sign-out) carry a CSRF token: Litestar's double-submit cookie, signed with a key every worker
reads from the database at start (`api.store.ui_sessions.csrf_key`).
"""

import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from litestar import Request, Response
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import CacheControlHeader, MutableScopeHeaders
from litestar.di import Provide
from litestar.enums import ScopeType
from litestar.middleware.base import DefineMiddleware
from litestar.middleware.csrf import CSRFMiddleware
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect, Template
from litestar.router import Router
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from markupsafe import Markup

from api.errors import UnsupportedMediaType
from api.operations.request_ids import request_id
from api.routes.dependencies import refuse_nul_characters
from api.routes.errors import as_answered, error_headers, error_items
from api.ui.pages import PAGES
from api.ui.sessions import UI_PATH, SignInRequired, provide_ui_pool, provide_viewer

log = logging.getLogger("api")

_HERE = Path(__file__).parent
STATIC_PATH = f"{UI_PATH}/static"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""Scripts and styles from the service's own files only (no inline script, no inline style); no framing."""
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # for browsers that predate frame-ancestors
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    # pages show a workspace's data: no shared cache keeps them, and Back after sign-out asks again
    "Cache-Control": "no-store",
}
_FORM = "application/x-www-form-urlencoded"


def csrf_config() -> CSRFConfig:
    """The CSRF settings of the view's forms; `secret` is set by the app's lifespan, from the database."""
    return CSRFConfig(
        secret="",
        cookie_name="tp_csrf",
        cookie_path=UI_PATH,
        cookie_httponly=True,
        cookie_samesite="strict",
    )


_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters but tab, line feed and carriage return (which text and `<pre>` show as they are)."""
_MISSING_PARAMETER = re.compile(r"Missing required \w+ parameter '([^']+)'")
"""Litestar's message for a required parameter that is absent."""
STATIC_HEADERS = {"X-Content-Type-Options": "nosniff"}
STATIC_CACHE = CacheControlHeader(no_cache=True)
"""Static files are kept but checked again on each use (their ETag): their URLs do not change with a release."""


def visible_text(value: Any) -> Any:
    """Jinja's `finalize`: control characters in text (a NUL in an event name) are written as `\\u0000`, never raw
    into the page."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _CONTROL_CHARACTERS.sub(lambda found: f"\\u{ord(found[0]):04x}", value)
    return value


def page_url(path: str, **query: Any) -> str:
    """`path` with the query parameters that have a value, URL-encoded: links that keep a page's state."""
    present = {name: value for name, value in query.items() if value not in (None, "")}
    return f"{path}?{urlencode(present)}" if present else path


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    """Jinja2 with autoescaping on every template (user text is escaped wherever it lands)."""
    environment = Environment(
        loader=FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=visible_text,
    )
    environment.globals["page_url"] = page_url
    environment.globals["static"] = lambda name: f"{STATIC_PATH}/{quote(name)}"
    environment.filters["when"] = lambda at: at.strftime("%Y-%m-%d %H:%M UTC") if at else ""
    environment.filters["number"] = lambda value: f"{value:,}"
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(environment))


async def refuse_other_bodies(request: Request[Any, Any, Any]) -> None:
    """The view's forms post URL-encoded bodies; anything else is refused (the API's JSON check is not for them).
    No parameter holds a NUL."""
    refuse_nul_characters(request)
    content_type = request.headers.get("content-type", "")
    if request.method == "POST" and not content_type.lower().startswith(_FORM):
        raise UnsupportedMediaType(f"Send the form as {_FORM}.")


def plain_problem(message: str) -> str:
    """What a parameter check's message (msgspec's or Litestar's: "Expected `int` >= 1") says, in words for a
    reader of the page."""
    if "NUL character" in message:
        return "holds a NUL character (%00), which nothing stored can hold"
    if "enum" in message or "matching regex" in message:
        return "is not one of the choices this page offers"
    if "`int" in message:
        bounds = [f"at least {found}" for found in re.findall(r">= (\d+)", message)]
        bounds += [f"at most {found}" for found in re.findall(r"<= (\d+)", message)]
        return "must be a whole number" + (f" ({', '.join(bounds)})" if bounds else "")
    if "length" in message:
        return "is too long"
    return "is not valid"


def render_page_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Errors as pages: the sign-in form when there is no session, else a page saying what went wrong."""
    exc = as_answered(request, exc)
    if isinstance(exc, SignInRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        query = {"next": target} if request.method == "GET" else {}
        return Redirect(page_url(f"{UI_PATH}/sign-in", **query), status_code=303, headers=PAGE_HEADERS)
    items = error_items(exc, request.scope.get("route_handler"))
    status = items[0].status
    headers = {**error_headers(request, exc, status), **PAGE_HEADERS}
    headers.pop("WWW-Authenticate", None)
    message = items[0].message
    if missing := _MISSING_PARAMETER.match(message):
        message = f"The address's `{missing[1]}` is missing."
    elif items[0].type == "validation" and items[0].field:
        message = f"The address's `{items[0].field}` {plain_problem(message)}."
    context = {"status": status, "message": message, "request_id": request_id.get()}
    return Template("error.html", context=context, status_code=status, headers=headers)


def drop_empty_query_values(app: ASGIApp) -> ASGIApp:
    """Middleware: a query parameter sent empty (a form's "Any" option, `type=`) is read as absent, so it means
    "no filter" or the default on every page."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP and scope["query_string"]:
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(name, value) for name, value in pairs if value != ""]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": urlencode(kept, encoding="latin-1").encode("latin-1")}
        await app(scope, receive, send)

    return middleware


def secure_cookies_over_https(app: ASGIApp) -> ASGIApp:
    """Middleware: over HTTPS every cookie the view sets is `Secure` (Litestar's CSRF cookie has a fixed setting,
    and one service serves both plain HTTP in development and HTTPS behind a proxy)."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope.get("scheme") != "https":
            await app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                cookies = headers.getall("set-cookie", [])
                if cookies:
                    del headers["set-cookie"]
                    for cookie in cookies:
                        secure = "secure" in {part.strip().lower() for part in cookie.split(";")[1:]}
                        headers.add("set-cookie", cookie if secure else f"{cookie}; Secure")
            await send(message)

        await app(scope, receive, send_secure)

    return middleware


def static_headers(response: Response[Any]) -> Response[Any]:
    """The static files' `X-Content-Type-Options: nosniff` (a browser runs ui.js only as the script it is)."""
    response.headers.update(STATIC_HEADERS)
    return response


def ui_router(csrf: CSRFConfig) -> list[Router]:
    """The pages under /ui (with their CSRF middleware) and their static files."""
    pages = Router(
        path=UI_PATH,
        route_handlers=PAGES,
        dependencies={"viewer": Provide(provide_viewer), "ui_pool": Provide(provide_ui_pool, sync_to_thread=False)},
        middleware=[secure_cookies_over_https, drop_empty_query_values, DefineMiddleware(CSRFMiddleware, config=csrf)],
        before_request=refuse_other_bodies,
        exception_handlers={Exception: render_page_error},
        response_headers=PAGE_HEADERS,
        include_in_schema=False,
    )
    static = create_static_files_router(
        path=STATIC_PATH,
        directories=[_HERE / "static"],
        include_in_schema=False,
        name="ui-static",
        cache_control=STATIC_CACHE,
        after_request=static_headers,
    )
    return [pages, static]
