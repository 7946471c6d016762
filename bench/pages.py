"""Timing pages through Django's test client: the server-side cost, no network or browser."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def time_page(client, url: str, repeats: int) -> tuple[int, int, float]:
    """(status, SQL queries, median milliseconds of `repeats` requests), after one warm-up."""
    client.get(url, HTTP_HOST="127.0.0.1")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - start)
    return response.status_code, len(queries), statistics.median(times) * 1000


def time_pages(client, pages: dict[str, str], repeats: int) -> None:
    """Print, per page, its status, its SQL queries and the median of `repeats` requests."""
    print(f"{'page':<48} status queries  median ms (of {repeats})")
    for name, url in pages.items():
        status, queries, median = time_page(client, url, repeats)
        print(f"{name:<48} {status:>6} {queries:>7} {median:>10.1f}")
