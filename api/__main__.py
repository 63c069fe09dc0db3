"""`python -m api`: serve, migrate, create-workspace, create-token, openapi."""

import argparse
import asyncio
import os
import signal
import sys
import tempfile
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import msgspec
import yaml

from api import __version__
from api.domain.tokens import Role
from api.domain.workspaces import WorkspaceSlug
from api.errors import ApiError
from api.operations.http_protocol import ServiceHttpProtocol
from api.settings import Settings
from api.store import tokens, workspaces
from api.store.database import database_url
from api.store.migrations import migrate

DEFAULT_WORKSPACE = "default"


async def _with_connection(dsn: str, work: Callable[[asyncpg.Connection], Awaitable[Any]]) -> Any:
    await migrate(dsn)
    conn = await asyncpg.connect(dsn)
    try:
        return await work(conn)
    finally:
        await conn.close()


def _print_json(value: Any) -> None:
    sys.stdout.write(msgspec.json.encode(value).decode() + "\n")


def cmd_migrate(settings: Settings, _: argparse.Namespace) -> None:
    applied = asyncio.run(migrate(database_url(settings)))
    print("applied: " + ", ".join(applied) if applied else "up to date")


def cmd_create_workspace(settings: Settings, args: argparse.Namespace) -> None:
    msgspec.convert(args.slug, WorkspaceSlug)
    workspace, token = asyncio.run(
        _with_connection(database_url(settings), lambda conn: workspaces.create_workspace(conn, args.slug, args.name))
    )
    _print_json({"workspace": workspace, "token": token.secret})


def cmd_create_token(settings: Settings, args: argparse.Namespace) -> None:
    async def work(conn: asyncpg.Connection) -> Any:
        workspace = await workspaces.get_workspace_by_slug(conn, args.workspace)
        return await tokens.create_token(conn, workspace.id, args.name, Role(args.role))

    token = asyncio.run(_with_connection(database_url(settings), work))
    _print_json({"token": token.secret, "id": token.id, "role": token.role})


def cmd_openapi(settings: Settings, _: argparse.Namespace) -> None:
    """Print the OpenAPI document that openapi.yaml holds."""
    from api.app import create_app

    schema = create_app(settings).openapi_schema.to_schema()
    sys.stdout.write(yaml.safe_dump(schema, sort_keys=False, allow_unicode=True, width=120))


async def _bootstrap(dsn: str) -> str | None:
    """On an empty database, create the `default` workspace; returns its owner token."""

    async def work(conn: asyncpg.Connection) -> str | None:
        if await workspaces.count_workspaces(conn):
            return None
        _, token = await workspaces.create_workspace(conn, DEFAULT_WORKSPACE, "Default workspace")
        return token.secret

    secret: str | None = await _with_connection(dsn, work)
    return secret


def startup_banner(base: str, secret: str | None, python: str) -> str:
    """What `serve` prints at start: the first owner token (`secret`, on an empty database only), how to get
    another with the same interpreter (`python`, shown relative when under the working directory, as
    `.venv/bin/python` after `make run`), and where the API, its reference and the web view are."""
    relative = os.path.relpath(python)
    shown = python if relative.startswith("..") else relative
    if secret:
        lines = [
            f"Created workspace '{DEFAULT_WORKSPACE}' with an owner token (shown once, keep it):\n\n  {secret}\n",
            f"Try it:\n\n  curl -H 'Authorization: Bearer {secret}' {base}/tracking-plans\n",
        ]
    else:
        lines = [f"Get a token with: {shown} -m api create-token --workspace default --role WORKSPACE_OWNER --name me"]
    lines.append(f"Serving on {base} (OpenAPI at {base}/schema/openapi.yaml, reference at {base}/docs)")
    lines.append(f"Web view: {base}/ui (sign in with a token)")
    return "\n".join(lines)


def cmd_serve(settings: Settings, args: argparse.Namespace) -> None:
    import uvicorn

    dsn = database_url(settings)
    # workers are separate processes: they find the (possibly embedded) database through the environment
    os.environ["DATABASE_URL"] = dsn
    secret = asyncio.run(_bootstrap(dsn))
    print(startup_banner(f"http://{args.host}:{args.port}", secret, sys.executable), flush=True)
    if args.workers > 1 and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        # each worker writes its metrics to files here, and /metrics on any worker sums them all
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="tracking-plans-metrics-")
    # uvicorn answers SIGTERM with a graceful shutdown and then raises the signal again; with the default
    # action that kills the process before its exit hooks run, and the embedded PostgreSQL (stopped by
    # pgserver's exit hook) would keep running. Exiting normally runs them.
    signal.signal(signal.SIGTERM, _exit_normally)
    uvicorn.run(
        "api.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=settings.timeout_keep_alive,
        http=ServiceHttpProtocol,
        timeout_graceful_shutdown=10,
    )


def _exit_normally(signum: int, _: object) -> None:
    sys.exit(0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m api", description="The tracking plan service.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    try:
        settings = Settings.from_env()
    except msgspec.ValidationError as exc:
        parser.exit(2, f"error in the environment: {exc}\n")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the API")
    serve.add_argument("--host", default=settings.host)
    serve.add_argument("--port", type=int, default=settings.port)
    serve.add_argument("--workers", type=int, default=settings.workers)
    serve.set_defaults(run=cmd_serve)

    commands.add_parser("migrate", help="apply pending migrations and exit").set_defaults(run=cmd_migrate)

    create_workspace = commands.add_parser("create-workspace", help="create a workspace and its owner token")
    create_workspace.add_argument("--slug", required=True)
    create_workspace.add_argument("--name", required=True)
    create_workspace.set_defaults(run=cmd_create_workspace)

    create_token = commands.add_parser("create-token", help="create a token in a workspace")
    create_token.add_argument("--workspace", required=True, help="workspace slug")
    create_token.add_argument("--role", required=True, choices=[role.value for role in Role])
    create_token.add_argument("--name", required=True)
    create_token.set_defaults(run=cmd_create_token)

    commands.add_parser("openapi", help="print the OpenAPI document").set_defaults(run=cmd_openapi)

    args = parser.parse_args(argv)
    try:
        args.run(settings, args)
    except (ApiError, msgspec.ValidationError) as exc:
        parser.exit(2, f"error: {exc}\n")


if __name__ == "__main__":
    main()
