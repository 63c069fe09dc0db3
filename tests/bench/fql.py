"""FQL evaluation rate: compiled conditions on a ~2 KiB track event, one core.

Run with `python -m tests.bench.fql`. Each condition is parsed once, then evaluated BENCH_EVALUATIONS
times (default 200,000) per round for BENCH_ROUNDS rounds (default 7); the median round counts.
Exits 1 when a condition evaluates fewer than 200,000 times a second.
"""

import os
import statistics
import sys
import time
from typing import Any

import msgspec

from api.domain import fql

TARGET_PER_S = 200_000
CONDITIONS = (
    "event = 'Order Completed' and properties.revenue > 10",
    "event = 'Product Viewed' or properties.currency != 'USD'",
    "match(context.page.url, 'https://*/checkout*') and length(properties.products) >= 2",
)


def track_event() -> dict[str, Any]:
    """An Order Completed call as a browser sends it: a few products and a full context, about 2 KiB."""
    products = [
        {
            "product_id": f"50731400{n}",
            "sku": f"45790-3{n}",
            "category": "Games",
            "name": f"Monopoly: 3rd Edition #{n}",
            "price": 19.0 + n,
            "quantity": 1,
            "url": f"https://shop.example.com/products/monopoly-{n}",
        }
        for n in range(6)
    ]
    return {
        "type": "track",
        "event": "Order Completed",
        "userId": "u-4a5c2f0e",
        "anonymousId": "507f191e810c19729de860ea",
        "messageId": "ajs-next-1700000000000-4e4a1c2c-5a3b-4c2d-9f0e-8c7b6a5d4e3f",
        "timestamp": "2026-01-02T03:04:05.678Z",
        "properties": {
            "checkout_id": "fksdjfsdjfisjf9sdfjsd9f",
            "order_id": "50314b8e9bcf000000000000",
            "affiliation": "Google Store",
            "total": 27.5,
            "revenue": 25,
            "shipping": 3,
            "tax": 2,
            "discount": 2.5,
            "coupon": "hasbros",
            "currency": "USD",
            "products": products,
        },
        "context": {
            "ip": "203.0.113.7",
            "locale": "en-US",
            "library": {"name": "analytics.js", "version": "next-1.64.0"},
            "page": {
                "path": "/checkout/complete",
                "referrer": "https://shop.example.com/cart",
                "search": "?step=3",
                "title": "Thank you for your order",
                "url": "https://shop.example.com/checkout/complete?step=3",
            },
            "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0",
            "campaign": {"name": "winter_sale", "source": "newsletter", "medium": "email", "content": "hero"},
        },
    }


def rate(condition: fql.Expression, event: dict[str, Any], evaluations: int, rounds: int) -> float:
    """Median evaluations per second over `rounds` rounds."""
    matches = condition.matches
    rates = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(evaluations):
            matches(event)
        rates.append(evaluations / (time.perf_counter() - started))
    return statistics.median(rates)


def main() -> None:
    evaluations = int(os.environ.get("BENCH_EVALUATIONS", "200000"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "7"))
    event = track_event()
    size = len(msgspec.json.encode(event))
    print(f"\nFQL evaluation on a {size}-byte track event, {evaluations:,} evaluations x {rounds} rounds, one core")
    print(f"{'condition':<84} {'evals/s':>11} {'µs/eval':>8} {'target/s':>9}  result")
    failed = False
    for source in CONDITIONS:
        condition = fql.parse(source)
        per_s = rate(condition, event, evaluations, rounds)
        verdict = "pass" if per_s >= TARGET_PER_S else "FAIL"
        failed |= verdict == "FAIL"
        print(f"{source:<84} {per_s:>11,.0f} {1e6 / per_s:>8.2f} {TARGET_PER_S:>9,}  {verdict}")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
