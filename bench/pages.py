"""Timing pages through Django's test client: the server-side cost, no network or browser.

Each page is timed twice over: the wall-clock median, and the median of the process's CPU
time, which a machine shared with other work (a noisy neighbour on a virtual machine, a
test run beside it) moves far less. The process is first settled as gunicorn settles a
worker (`bcfportal.processes.settle`: its garbage collector), so that a page costs here
what it costs a worker."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bcfportal.processes import settle


def get(client, url: str):
    """The page, over HTTPS as production serves it (its settings redirect plain HTTP)."""
    return client.get(url, HTTP_HOST="127.0.0.1", secure=True)


def counted(client, url: str) -> tuple[int, int]:
    """(status, SQL queries) of one request, not timed: capturing the queries costs CPU that
    production does not spend (with the values sent apart from the SQL, Django writes each
    query out again to show it), so the timed requests capture nothing."""
    with CaptureQueriesContext(connection) as queries:
        response = get(client, url)
    return response.status_code, len(queries)


def time_pages(client, pages: dict[str, str], repeats: int) -> None:
    """Print, per page, its status, its SQL queries and the medians of `repeats` requests,
    the pages taken turn about: a virtual machine's speed moved by half within a minute (6
    December 2026), and pages timed one after another saw different machines."""
    pages = {name: (client, url) for name, url in pages.items()}
    print_pages(time_turn_about(pages, repeats), repeats)


def print_pages(results: dict[str, tuple[int, int, float, float]], repeats: int) -> None:
    print(f"{'page':<48} status queries  median ms (of {repeats})  CPU ms")
    for name, (status, queries, median, cpu) in results.items():
        print(f"{name:<48} {status:>6} {queries:>7} {median:>10.1f} {cpu:>13.1f}")


def time_turn_about(
    pages: dict[str, tuple], repeats: int
) -> dict[str, tuple[int, int, float, float]]:
    """Each page of `pages` (name: (client, url)) requested in turn, `repeats` rounds, after
    one warm-up each: the same moments of a machine whose speed moves for every page. Returns
    (status, SQL queries, median wall-clock ms, median CPU ms) by name."""
    settle()
    for client, url in pages.values():
        get(client, url)
    samples = {name: ([], []) for name in pages}
    for _ in range(repeats):
        for name, (client, url) in pages.items():
            wall, cpu = samples[name]
            start, start_cpu = time.perf_counter(), time.process_time()
            get(client, url)
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start)
    # The status and queries of each, once more after the rounds, untimed.
    found = {name: counted(client, url) for name, (client, url) in pages.items()}
    return {
        name: (*found[name], statistics.median(wall) * 1000, statistics.median(cpu) * 1000)
        for name, (wall, cpu) in samples.items()
    }
