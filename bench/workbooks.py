"""Workbook benchmarks: render, import, and the national batch with one and two workers.

    .venv/bin/python bench/workbooks.py render [--repeats 20]
    .venv/bin/python bench/workbooks.py templates [--repeats 20]
    .venv/bin/python bench/workbooks.py instructions [--reads 25] [--template bcf-q3-2015-16]
    .venv/bin/python bench/workbooks.py batch [--areas 150] [--workers 1 2] [--batches 5]

Both use a database of their own (default: PostgreSQL `bcf_bench` on 127.0.0.1, created if
missing; set BENCH_DATABASE_URL to change it), migrated and loaded with the demo data.

`render` prints the median time to render Norfolk's return to its workbook, beside the floor
of writing the same cells (values only: no styles, names, validations or formulas' stored
values) with bare openpyxl and bare XlsxWriter in the same run; and the median time to read
and validate the workbook back, then that and the comparison with the return's answers as
they stand (the import's preview: one query for the answers), and the import beside its
floor: python-calamine (the `bench` extra) reading every value of the same tabs, both timed
in the process settled as a gunicorn worker is (an upload is read there).

`templates` does the same for a complete return of every template definition (Norfolk's,
made where the demo has none): the render, the XlsxWriter floor, the import and its
python-calamine floor, each line one template, so a later template is seen to cost what
Q3 2015/16 does.

`instructions` counts, under valgrind's callgrind, the machine instructions of one import of
Norfolk's workbook (`workbook_answers`: read and checked; with `--template`, of the complete
return `templates` reads for that template) and of python-calamine reading the same tabs,
each in a process of its own, settled, with `PYTHONHASHSEED=0`: the reads of a run of
`--reads` less those of a run of 5, over their difference. Steady where the machine's speed
is not: a step of 1% shows. Needs valgrind (`apt-get install valgrind`); about a minute a
count.

`batch` generates `--areas` HWB areas with a full Q3 return each (Norfolk's answers with the
counts varied), starts the given numbers of Celery worker processes (one task at a time each)
on a queue of their own against Redis (CELERY_BROKER_URL, default redis://127.0.0.1:6379/0),
and times the national export from request to the zip being ready: once cold, then again on
the same (warm) workers, against its floor, the time to write each return into its skeleton
shared among the workers (at most one a core).
"""

import argparse
import contextlib
import gc
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bcf_bench")
BROKER = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
MEDIA = tempfile.mkdtemp(prefix="bcf-bench-media-")
NORFOLKS = "bcf-q3-2015-16"  # the template of the demo's return, Norfolk's real figures
# Production's settings (DEBUG off), as the workers run on a deadline day.
os.environ.update(
    DEBUG="false", SECRET_KEY="bench-only-" + "x" * 40,
    ALLOWED_HOSTS="127.0.0.1", DATABASE_URL=DATABASE_URL, CELERY_BROKER_URL=BROKER,
    MEDIA_ROOT=MEDIA, DJANGO_SETTINGS_MODULE="bcfportal.settings",
    CONN_MAX_AGE="60",  # as .env.example: connections kept between requests and tasks
)  # fmt: skip


def _create_database() -> None:
    if not DATABASE_URL.startswith("postgres"):
        return
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            c.execute(f'CREATE DATABASE "{name}"')


_create_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from bench.database import analyse  # noqa: E402


@contextlib.contextmanager
def as_in_a_web_worker():
    """An upload is read in a gunicorn worker, which settles once it has loaded the portal
    (`bcfportal.processes.settle`: what it loaded frozen, its youngest objects collected
    after 10,000), as the page benchmarks settle (`bench/pages.py`): the import and its
    floor are timed so, and the process has its collector as it was after."""
    from bcfportal.processes import settle

    threshold = gc.get_threshold()
    settle()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def median_ms(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def interleaved_ms(functions, repeats: int) -> list[float]:
    """The median of each function, run in turn `repeats` times."""
    times = [[] for _ in functions]
    for _ in range(repeats):
        for function, taken in zip(functions, times, strict=True):
            start = time.perf_counter()
            function()
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) * 1000 for taken in times]


def prepare() -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    analyse()


def render(repeats: int) -> None:
    import openpyxl
    import xlsxwriter

    from returns.models import QuarterlyReturn
    from returns.selectors import return_state
    from returns.workbook import (
        return_workbook_bytes,
        workbook_data,
        workbook_import_preview,
        workbook_read,
    )
    from returns.workbook.skeleton import skeleton_write
    from returns.workbook.writer import workbook_write

    norfolk = QuarterlyReturn.objects.get(
        hwb_area__ons_code="E10000020", period__financial_year__start_year=2015, period__quarter=3
    )  # Q3 2015/16: `templates` makes Norfolk a return of every template, Q3 2016/17's too
    state = return_state(quarterly_return=norfolk)
    cells = [
        (state.definition.section_of(q.id).title, q.cell, state.values.get(q.id))
        for q in state.definition.questions
    ]
    plain = [(tab, cell, float(v) if hasattr(v, "as_tuple") else v) for tab, cell, v in cells]

    def bare_xlsxwriter():
        book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
        sheets = {tab: book.add_worksheet(tab) for tab in state.definition.tabs}
        for tab, cell, value in plain:
            sheets[tab].write(cell, value)
        book.close()

    def bare_openpyxl():
        book = openpyxl.Workbook()
        book.remove(book.active)
        sheets = {tab: book.create_sheet(tab) for tab in state.definition.tabs}
        for tab, cell, value in plain:
            sheets[tab][cell] = value
        book.save(io.BytesIO())

    data = workbook_data(state=state)

    def portal():
        skeleton_write(data, io.BytesIO())

    def whole():
        workbook_write(data, io.BytesIO())

    content = return_workbook_bytes(quarterly_return=norfolk)
    print(f"Norfolk's return: {len(cells)} cells, workbook {len(content) / 1024:.0f} KB")
    print(f"median of {repeats}, ms:")
    # Taken turn about, so that both see the machine as it is at the time.
    rendered, floor = interleaved_ms([portal, bare_xlsxwriter], repeats)
    with as_in_a_web_worker():
        read = median_ms(lambda: workbook_read(quarterly_return=norfolk, content=content), repeats)
        imported = median_ms(
            lambda: workbook_import_preview(quarterly_return=norfolk, content=content), repeats
        )
    print(f"  render the return (portal: into its skeleton)   {rendered:8.1f}")
    print(f"  the same, XlsxWriter writing the whole workbook {median_ms(whole, repeats):8.1f}")
    print(f"  floor: bare XlsxWriter, values                  {floor:8.1f}")
    openpyxl_floor = median_ms(bare_openpyxl, repeats)
    print(f"  floor: bare openpyxl, values                    {openpyxl_floor:8.1f}")
    print(f"  render / bare XlsxWriter floor                  {rendered / floor:8.2f}x")
    print(f"  import: read and validate the workbook          {read:8.1f}")
    print(f"  the same and compared with the return's answers {imported:8.1f} (one query)")
    calamine = calamine_floor(content, state.definition)
    if calamine is not None:
        bound = reader_bound(content, state.definition)
        with as_in_a_web_worker():
            read, floor, least = interleaved_ms(
                [lambda: workbook_read(quarterly_return=norfolk, content=content), calamine,
                 bound],
                repeats,
            )  # fmt: skip
        print(f"  floor: python-calamine reading the same tabs    {floor:8.1f}")
        print(f"  import / python-calamine floor                  {read / floor:8.2f}x")
        print(f"  the reader's least: unzip its parts, split them {least:8.1f} "
              f"({least / floor:.2f}x the floor)")  # fmt: skip


def reader_bound(content: bytes, definition):
    """What the import cannot go below as the reader is built (`governance/uploads`): the
    parts it reads taken out of the archive as it takes them (`entry_pieces`), and each
    plain region split by its pattern, with nothing checked, decoded, counted or kept (the
    Python's way: the C of `governance/uploads/_cells.c` reads most regions for less).
    Everything else the import does (the archive's directory, the parts around the regions,
    the values, the answers' checks) comes on top."""
    from governance.uploads import plain
    from governance.uploads.reader import LIMITS, PATTERN_BYTES, Reader
    from governance.zips import entry_pieces
    from returns.workbook.reader import input_tabs

    patterns = {b"sheetData": plain.CELLS, b"sst": plain.STRINGS, b"definedNames": plain.NAMES,
                b"cellXfs": plain.FORMATS, b"Types": plain.TYPES,
                b"Relationships": plain.RELATIONSHIPS}  # fmt: skip
    reader = Reader(content, LIMITS, "a return")
    reader.book(input_tabs(definition))
    read = ["[Content_Types].xml", "xl/_rels/workbook.xml.rels", *reader.read_by_pattern]
    entries = [(reader.parts[name.lower()], reader.starts[name.lower()]) for name in read]

    def least():
        for entry, at in entries:
            data = b"".join(entry_pieces(content, entry, at, PATTERN_BYTES + 1, PATTERN_BYTES))
            for container, pattern in patterns.items():
                opening = data.find(b"<" + container)
                if opening >= 0:
                    start = data.find(b">", opening) + 1
                    pattern.split(data[start : data.find(b"</" + container, start)].decode())
                    break

    return least


def calamine_floor(content: bytes, definition):
    """Reading the tabs the import reads (`input_tabs`), every value of each, with
    python-calamine (Rust): the floor of the import. None, saying so, where the `bench`
    extra is not installed."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        print("  (python-calamine not installed: pip install -e '.[bench]' for the import floor)")
        return None
    from returns.workbook.reader import input_tabs

    tabs = sorted(input_tabs(definition))

    def read():
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        return [book.get_sheet_by_name(tab).to_python() for tab in tabs]

    return read


# One process's reads, for `instructions`: argv is the workbook's path, its template, "portal"
# or "calamine", and the number of reads, after two untimed and the process settled.
_COUNTED = """
import io, sys
import django
django.setup()
from bcfportal.processes import settle
from returns.definitions import template
from returns.workbook.reader import input_tabs, workbook_answers
path, version, reader, reads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
content, definition = open(path, "rb").read(), template(version)
if reader == "portal":
    def read():
        workbook_answers(content=content, definition=definition, period=definition.period,
                         hwb_ons_code="E10000020", hwb_name="Norfolk")
else:
    from python_calamine import CalamineWorkbook
    def read():
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        [book.get_sheet_by_name(tab).to_python() for tab in sorted(input_tabs(definition))]
read(); read()
settle()
for _ in range(reads):
    read()
"""


def instructions(reads: int, version: str) -> None:
    import shutil

    from returns.definitions import template
    from returns.workbook import state_workbook_bytes

    if reads <= 5:
        raise SystemExit("--reads must be more than 5: the count is theirs less those of 5.")
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind is not installed (apt-get install valgrind): nothing counted")
        return
    folder = Path(tempfile.mkdtemp(prefix="bcf-bench-instructions-"))
    workbook = folder / f"{version}.xlsx"
    _, state = complete_return(template(version))  # Q3 2015/16: the demo's, complete already
    workbook.write_bytes(state_workbook_bytes(state=state))

    def counted(reader: str, number: int) -> int:
        out = folder / f"{reader}-{number}.callgrind"
        subprocess.run(  # noqa: S603 - valgrind, our own interpreter and arguments
            [valgrind, "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
             "-c", _COUNTED, str(workbook), version, reader, str(number)],
            cwd=PROJECT, env={**os.environ, "PYTHONHASHSEED": "0"}, check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
        raise ValueError(f"{out} holds no total")

    print(f"machine instructions a read of Norfolk's {version} workbook ({reads} reads less 5), "
          "callgrind:")  # fmt: skip
    each = {}
    for reader in ("portal", "calamine"):
        each[reader] = (counted(reader, reads) - counted(reader, 5)) / (reads - 5)
        print(f"  {reader:8} {each[reader] / 1e6:8.2f}M")
    print(f"  import / python-calamine floor  {each['portal'] / each['calamine']:.2f}x")
    shutil.rmtree(folder)


def complete_return(definition):
    """(return, state): Norfolk's return of the template's period, complete (its answers
    made complete where the demo has none or few)."""
    from governance.models import HwbArea
    from returns.selectors import period_by_code, return_state
    from returns.services import answers_save, return_get_or_create
    from returns.tests.complete import complete_values

    norfolk = HwbArea.objects.get(ons_code="E10000020")
    made = return_get_or_create(hwb_area=norfolk, period=period_by_code(definition.period))
    if made.checks_passed < len(definition.checks) and made.status == "draft":
        answers_save(quarterly_return=made, values=complete_values(definition), user=None,
                     source="import", prepopulated=True)  # fmt: skip
    return made, return_state(quarterly_return=made)


def templates(repeats: int) -> None:
    import xlsxwriter

    from returns.definitions import all_templates
    from returns.workbook import workbook_data, workbook_read
    from returns.workbook.skeleton import skeleton_write

    print(f"a complete return of each template, median of {repeats}, ms:")
    print(f"  {'template':16} {'cells':>5} {'render':>8} {'floor':>8} {'ratio':>6} {'import':>8}"
          f" {'calamine':>8} {'ratio':>6}")  # fmt: skip
    for definition in all_templates():
        made, state = complete_return(definition)
        data = workbook_data(state=state)
        cells = [(definition.section_of(q.id).title, q.cell, state.values.get(q.id))
                 for q in definition.questions]  # fmt: skip
        plain = [(tab, cell, float(v) if hasattr(v, "as_tuple") else v) for tab, cell, v in cells]

        def floor_write(plain=plain, definition=definition):
            book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
            sheets = {tab: book.add_worksheet(tab) for tab in definition.tabs}
            for tab, cell, value in plain:
                sheets[tab].write(cell, value)
            book.close()

        buffer = io.BytesIO()
        skeleton_write(data, buffer)
        content = buffer.getvalue()
        rendered, floor = interleaved_ms(
            [lambda data=data: skeleton_write(data, io.BytesIO()), floor_write], repeats
        )
        calamine = calamine_floor(content, definition) or (lambda: None)
        with as_in_a_web_worker():
            read, calamine_ms = interleaved_ms(
                [lambda made=made, content=content: workbook_read(quarterly_return=made,
                                                                  content=content),
                 calamine],
                repeats,
            )  # fmt: skip
        print(f"  {definition.version:16} {len(cells):5} {rendered:8.1f} {floor:8.1f} "
              f"{rendered / floor:5.2f}x {read:8.1f} {calamine_ms:8.1f} "
              f"{read / calamine_ms:5.2f}x")  # fmt: skip


def generate(areas: int) -> str:
    """`areas` generated areas with full returns, and an analyst granted all of them."""
    import random

    from django.contrib.auth import get_user_model

    from demo.sync import fixture
    from governance.models import HwbArea, Membership, Role
    from returns.interchange import return_from_json
    from returns.selectors import period_by_code
    from returns.services import return_get_or_create

    period = period_by_code("fy1516_q3")
    analyst, _ = get_user_model().objects.get_or_create(username=f"bench.analyst.{areas}")
    answers = fixture("norfolk-q3-2015-16.json")["answers"]
    rng = random.Random(2016)  # noqa: S311 - varied figures, not secrets
    for number in range(1, areas + 1):
        area, _ = HwbArea.objects.get_or_create(
            ons_code=f"E98{number:06d}",
            defaults={"name": f"Bench area {number:03d}", "population": rng.randint(1e5, 1.5e6)},
        )
        Membership.objects.get_or_create(user=analyst, role=Role.ANALYST, hwb_area=area)
        quarterly_return = return_get_or_create(hwb_area=area, period=period)
        varied = {**answers, "cover_hwb": area.name,
                  "nea_actual_fy1516_q3": rng.randint(5_000, 30_000),
                  "nim_phb_start": rng.randint(0, 500)}  # fmt: skip
        return_from_json(
            quarterly_return=quarterly_return,
            document={"answers": varied},
            user=None,
            prepopulated=True,
        )
    return analyst.username


def floor_pass(areas: int):
    """The batch's floor a return, as a function that measures it once: the time to write
    each generated return into its skeleton (what `render` prints as the portal's render),
    their data worked out beforehand, over all of them, divided by their number."""
    from returns.models import QuarterlyReturn
    from returns.selectors import return_state
    from returns.workbook import workbook_data
    from returns.workbook.skeleton import skeleton_write

    generated = QuarterlyReturn.objects.filter(
        hwb_area__ons_code__range=("E98000001", f"E98{areas:06d}"), period__quarter=3
    )
    datas = [workbook_data(state=return_state(quarterly_return=one)) for one in generated]

    def measure() -> float:
        start = time.perf_counter()
        for data in datas:
            skeleton_write(data, io.BytesIO())
        return (time.perf_counter() - start) * 1000 / len(datas)

    return measure


def _timed_export(analyst, client, queue: str):
    """The export from its request until it is ready (or failed). Its status is read every
    10 ms by one small query, as the bench runs on the cores the workers share: reading the
    whole export (its areas too) took the bench 65 ms of CPU in a batch of about 560 ms with
    two workers, this about 20 ms."""
    from django.db import connection

    from national.models import NationalExport
    from returns.models import ExportStatus
    from returns.selectors import period_by_code

    export = NationalExport.objects.create(
        period=period_by_code("fy1516_q3"), requested_by=analyst, include_drafts=True
    )
    ended = (ExportStatus.READY, ExportStatus.FAILED)
    query = f"SELECT status FROM {NationalExport._meta.db_table} WHERE id = %s"  # noqa: S608
    start = time.perf_counter()
    client.send_task("returns.export_national", args=[export.pk], queue=queue)
    with connection.cursor() as cursor:
        status = None
        while status not in ended:
            time.sleep(0.01)
            cursor.execute(query, [export.pk])
            status = cursor.fetchone()[0]
    elapsed = time.perf_counter() - start
    export.refresh_from_db()
    return export, elapsed


def batch(areas: int, worker_counts: list[int], batches: int) -> None:
    from celery import Celery
    from django.contrib.auth import get_user_model

    username = generate(areas)
    analyse()
    analyst = get_user_model().objects.get(username=username)
    client = Celery("bench", broker=BROKER, backend=BROKER)
    cores = os.cpu_count() or 1
    floor_ms = floor_pass(areas)
    for _ in range(2):
        floor_ms()  # warm
    print(f"national batch of {areas} generated areas, Q3 2015/16")
    print(
        "floor: the areas x the time to write a return into its skeleton / the workers (at "
        "most the cores), that time measured just before and just after each batch, and the "
        "two averaged (the machine's speed moves within seconds); the batches timed after one "
        "untimed batch on the same workers (they are warm, as on a deadline day); the ratio "
        "is the median of each batch over its floor"
    )
    for workers in worker_counts:
        queue = f"bench-{uuid.uuid4().hex[:8]}"
        processes = [
            subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "bcfportal",
                    "worker",
                    "--pool=solo",
                    "-Q",
                    queue,
                    "-n",
                    f"{queue}-{n}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel=WARNING",
                ],
                cwd=PROJECT,
                env={**os.environ},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # the workers run as root here, and say so
            )
            for n in range(workers)
        ]
        try:
            time.sleep(3)  # the workers connect
            _, cold = _timed_export(analyst, client, queue)
            timed, floors = [], []
            after = floor_ms()
            for _ in range(batches):
                before = after
                timed.append(_timed_export(analyst, client, queue))
                time.sleep(0.02)  # the finish deletes the parts after the zip is ready
                after = floor_ms()
                floors.append(areas * (before + after) / 2 / 1000 / min(workers, cores))
            export = timed[-1][0]
            elapsed = statistics.median(t for _, t in timed)
            pairs = zip(timed, floors, strict=True)
            ratio = statistics.median(t / floor for (_, t), floor in pairs)
            print(f"  {workers} worker(s): {export.status} {export.done}/{export.total} returns "
                  f"in {elapsed:.2f} s (median of {batches}; from {min(t for _, t in timed):.2f} "
                  f"to {max(t for _, t in timed):.2f}; cold {cold:.2f} s), zip "
                  f"{export.size / 1024 / 1024:.1f} MB; floor {statistics.median(floors):.2f} s "
                  f"({min(floors):.2f} to {max(floors):.2f}): {ratio:.2f}x")  # fmt: skip
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    render_parser = sub.add_parser("render")
    render_parser.add_argument("--repeats", type=int, default=20)
    templates_parser = sub.add_parser("templates")
    templates_parser.add_argument("--repeats", type=int, default=20)
    instructions_parser = sub.add_parser("instructions")
    instructions_parser.add_argument("--reads", type=int, default=25)
    instructions_parser.add_argument("--template", default=NORFOLKS, help="a template's version")
    batch_parser = sub.add_parser("batch")
    batch_parser.add_argument("--areas", type=int, default=150)
    batch_parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    batch_parser.add_argument("--batches", type=int, default=5, help="timed, after a cold one")
    options = parser.parse_args()
    prepare()
    if options.command == "render":
        render(options.repeats)
    elif options.command == "templates":
        templates(options.repeats)
    elif options.command == "instructions":
        instructions(options.reads, options.template)
    else:
        batch(options.areas, options.workers, options.batches)


if __name__ == "__main__":
    main()
