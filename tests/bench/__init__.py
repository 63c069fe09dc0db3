"""Throughput of the service against a trivial Litestar app on the same uvicorn setup: `make bench`."""
