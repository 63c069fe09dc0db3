"""`trackplan`: tracking plans as code. Pull plans into folders of YAML, see the diff, apply it in safe batches,
lint rules and validate events offline with the server's own code.

Exit codes: 0 success; 1 violations, lint errors or a refused write; 2 changes present (`diff --exit-code`);
3 conflict (the plan changed or was deleted since the diff); 4 usage, configuration, authentication or connection
errors. An error prints one line on stderr (a traceback only with `--debug`).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

import click

from tracking_plans.cli.commands import trackplan
from tracking_plans.cli.event_files import EventFileError
from tracking_plans.cli.folders import FolderError, NoSuchPath
from tracking_plans.cli.offline import ServerCodeMissing
from tracking_plans.cli.profiles import ProfileError
from tracking_plans.cli.sync import CliError
from tracking_plans.errors import (
    ApiError,
    ConfigurationError,
    Conflict,
    Forbidden,
    NotFound,
    PreconditionFailed,
    TransportError,
    Unauthorized,
)

EXIT_OK, EXIT_FOUND, EXIT_CHANGES, EXIT_CONFLICT, EXIT_USAGE = 0, 1, 2, 3, 4


def exit_code_of(exc: BaseException) -> int:
    """The exit code an error ends `trackplan` with (see the module's docstring)."""
    if isinstance(exc, CliError):
        return exc.exit_code
    if isinstance(exc, PreconditionFailed | Conflict):
        return EXIT_CONFLICT
    if isinstance(
        exc,
        ProfileError
        | ConfigurationError
        | TransportError
        | Unauthorized
        | Forbidden
        | NotFound
        | ServerCodeMissing
        | NoSuchPath,
    ):
        return EXIT_USAGE
    if isinstance(exc, click.UsageError | click.BadParameter):
        return EXIT_USAGE
    return EXIT_FOUND


def message_of(exc: BaseException) -> str:
    if isinstance(exc, Unauthorized):
        return f"the server refused the token ({exc.message}): check --token, the profile or TRACKING_PLANS_TOKEN"
    if isinstance(exc, TransportError):
        return f"cannot reach the server: {exc}"
    if isinstance(exc, ApiError):
        return f"{exc.status} {exc.type}: {exc.message}" + (f" (at {exc.field})" if exc.field else "")
    if isinstance(exc, click.ClickException):
        return exc.format_message()
    return str(exc)


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: runs `trackplan` and exits with its code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        # without standalone mode click raises usage errors (exit 4 here, not its 2) and answers `ctx.exit(n)`'s n
        result = trackplan.main(args=args, prog_name="trackplan", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.exceptions.Abort:
        click.echo("trackplan: stopped; nothing more was sent", err=True)
        code = EXIT_USAGE
    except (
        CliError,
        FolderError,
        NoSuchPath,
        EventFileError,
        ProfileError,
        ServerCodeMissing,
        click.ClickException,
        ApiError,
        ConfigurationError,
        TransportError,
    ) as exc:
        if debug:
            traceback.print_exc()
        prefix = "trackplan: " if not isinstance(exc, click.UsageError) else "trackplan: usage: "
        click.echo(prefix + message_of(exc), err=True)
        code = exit_code_of(exc)
    else:
        code = result if isinstance(result, int) else EXIT_OK
    if argv is None:
        sys.exit(code)
    return code
