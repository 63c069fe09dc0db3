"""Lists that follow themselves: iterate over the items, or over whole pages with `.pages()`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from functools import partial
from typing import Generic, TypeVar

import httpx

from tracking_plans.operations import Listing, Page
from tracking_plans.transport import AsyncTransport, Request, Transport, data_of, read

T = TypeVar("T")


def _turn(listing: Listing[T], request: Request, response: httpx.Response) -> tuple[Page[T], Request | None]:
    """The page in `response` to `request`, and the request for the next page (None after the last)."""
    body = data_of(response)
    return listing.page(response, body), listing.next(request, body)


class Pager(Generic[T]):
    """The items of a list, fetched a page at a time as iteration needs them; iterate again to read afresh."""

    def __init__(self, transport: Transport, listing: Listing[T] | Callable[[], Listing[T]]) -> None:
        self._transport = transport
        self._listing = listing

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items

    def pages(self) -> Iterator[Page[T]]:
        """Whole pages, first to last; the last is the one whose answer has no `next` (absent or null)."""
        listing = self._listing if isinstance(self._listing, Listing) else self._listing()
        request: Request | None = listing.request
        while request is not None:
            response = self._transport.send(request)
            page, request = read(partial(_turn, listing, request), response)
            yield page


class AsyncPager(Generic[T]):
    """`Pager` for `AsyncTrackingPlans`: `async for item in ...`, `async for page in ....pages()`."""

    def __init__(self, transport: AsyncTransport, listing: Listing[T] | Callable[[], Awaitable[Listing[T]]]) -> None:
        self._transport = transport
        self._listing = listing

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Whole pages, first to last; the last is the one whose answer has no `next` (absent or null)."""
        # a listing may need a call first (the Config API's workspace slug)
        listing = self._listing if isinstance(self._listing, Listing) else await self._listing()
        request: Request | None = listing.request
        while request is not None:
            response = await self._transport.send(request)
            page, request = read(partial(_turn, listing, request), response)
            yield page
