"""Timing pages through Django's test client: the server-side cost, no network or browser.

Each page is timed twice over: the wall-clock median, and the median of the process's CPU
time, which a machine shared with other work (a noisy neighbour on a virtual machine, a
test run beside it) moves far less."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def time_page(client, url: str, repeats: int) -> tuple[int, int, float, float]:
    """(status, SQL queries, median wall-clock and CPU milliseconds of `repeats` requests),
    after one warm-up."""
    client.get(url, HTTP_HOST="127.0.0.1")
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return (
        response.status_code,
        len(queries),
        statistics.median(wall) * 1000,
        statistics.median(cpu) * 1000,
    )


def time_pages(client, pages: dict[str, str], repeats: int) -> None:
    """Print, per page, its status, its SQL queries and the medians of `repeats` requests."""
    print(f"{'page':<48} status queries  median ms (of {repeats})  CPU ms")
    for name, url in pages.items():
        status, queries, median, cpu = time_page(client, url, repeats)
        print(f"{name:<48} {status:>6} {queries:>7} {median:>10.1f} {cpu:>13.1f}")
