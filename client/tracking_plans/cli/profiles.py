"""Where `trackplan` finds the server and the token: flags, a named profile, or the environment.

A config file (`--config`, else `$TRACKPLAN_CONFIG`, else `./trackplan.yaml`, else `~/.config/trackplan/config.yaml`)
names profiles, so that one repository can target several workspaces:

    profiles:
      staging:
        url: https://plans.staging.example.com
        token_env: STAGING_TRACKING_PLANS_TOKEN   # the token is read from this variable (keep tokens out of git)
      production:
        url: https://plans.example.com
        token: tps_...                            # or written here

Precedence: `--url` / `--token`, then the profile (`--profile`), then TRACKING_PLANS_URL / TRACKING_PLANS_TOKEN.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tracking_plans.cli.folders import FolderError, load_yaml


class ProfileError(Exception):
    """An unknown profile, or a config file that is not in the shape above."""


@dataclass(frozen=True, slots=True)
class Target:
    """A server and a token (either may be None: the client then says which is missing)."""

    url: str | None
    token: str | None


def config_path(given: Path | None) -> Path | None:
    if given is not None:
        return given
    if env := os.environ.get("TRACKPLAN_CONFIG"):
        return Path(env)
    for candidate in (Path("trackplan.yaml"), Path.home() / ".config" / "trackplan" / "config.yaml"):
        if candidate.is_file():
            return candidate
    return None


def resolve(profile: str | None, url: str | None, token: str | None, config: Path | None) -> Target:
    """The target the flags, profile and environment name; ProfileError for an unknown profile."""
    named_url = named_token = None
    if profile is not None:
        path = config_path(config)
        if path is None or not path.is_file():
            raise ProfileError(
                f"unknown profile {profile!r}: no config file (--config, $TRACKPLAN_CONFIG, trackplan.yaml)"
            )
        try:
            document = load_yaml(path)
        except FolderError as exc:
            raise ProfileError(str(exc)) from None
        profiles = document.get("profiles") if isinstance(document, dict) else None
        if not isinstance(profiles, dict):
            raise ProfileError(f"{path}: expected a `profiles:` mapping of names to url and token")
        if profile not in profiles:
            known = ", ".join(sorted(map(str, profiles))) or "none"
            raise ProfileError(f"unknown profile {profile!r} in {path} (profiles: {known})")
        entry = profiles[profile]
        if not isinstance(entry, dict):
            raise ProfileError(f"{path}: profile {profile!r} must be a mapping with url and token or token_env")
        named_url = entry.get("url")
        named_token = entry.get("token")
        if named_token is None and entry.get("token_env"):
            named_token = os.environ.get(str(entry["token_env"]))
            if named_token is None:
                raise ProfileError(f"profile {profile!r} reads its token from ${entry['token_env']}, which is not set")
    return Target(
        url=url or named_url or os.environ.get("TRACKING_PLANS_URL"),
        token=token or named_token or os.environ.get("TRACKING_PLANS_TOKEN"),
    )
