"""The tracking plan service."""
