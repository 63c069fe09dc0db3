"""API tokens and the roles they carry."""

import enum
import hashlib
import secrets
from datetime import datetime

import msgspec

from api.domain.names import DisplayName

SECRET_PREFIX = "tps_"  # noqa: S105 (a prefix, not a secret)
"""Prefix of every token secret, so leaked secrets are easy to spot and scan for."""


class Role(enum.StrEnum):
    WORKSPACE_OWNER = "WORKSPACE_OWNER"
    PROTOCOLS_ADMIN = "PROTOCOLS_ADMIN"
    PROTOCOLS_READ_ONLY = "PROTOCOLS_READ_ONLY"


class Principal(msgspec.Struct, kw_only=True, frozen=True):
    """Who is calling: a token, its role and its workspace."""

    token_id: str
    token_name: str
    role: Role
    workspace_id: str
    workspace_slug: str
    workspace_name: str


class Token(msgspec.Struct, kw_only=True, rename="camel"):
    """A token as listed: never its secret."""

    id: str
    name: str
    role: Role
    created_at: datetime


class IssuedToken(Token, kw_only=True, rename="camel"):
    """A token just created: the only time its secret is shown."""

    secret: str


class CreateToken(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: DisplayName
    role: Role


def new_secret() -> str:
    """A fresh bearer secret with 256 bits of randomness."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> bytes:
    """What is stored and looked up instead of the secret (secrets are random, so no salt is needed)."""
    return hashlib.sha256(secret.encode()).digest()
