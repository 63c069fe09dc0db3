"""The tracking plan service."""

from importlib.metadata import version

__version__ = version("tracking-plans")
"""The installed package's version: `python -m api --version` and the OpenAPI document's `info.version` say it."""
