"""PostgreSQL's timestamps, read by Python's ISO parser (`governance.timestamps`), are the
datetimes Django's own loader gives: the same instant, wall clock and time zone, for any
instant in any offset PostgreSQL writes, and the same refusal for what neither reads."""

import datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import BaseTzLoader
from hypothesis import given
from hypothesis import strategies as st
from psycopg import DataError
from psycopg.postgres import types

from governance.timestamps import quick

OID = types["timestamptz"].oid


class DjangosLoader(BaseTzLoader):
    """What Django registers for a connection in UTC (its `register_tzloader`)."""

    timezone = datetime.UTC


def postgresql_text(moment: datetime.datetime) -> bytes:
    """`moment` as PostgreSQL writes a timestamptz (DateStyle ISO): the fraction without its
    trailing zeros, the offset as +HH, +HH:MM or +HH:MM:SS."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}".rstrip("0")
    offset = int(moment.utcoffset().total_seconds())
    sign, offset = ("-" if offset < 0 else "+"), abs(offset)
    hours, rest = divmod(offset, 3600)
    minutes, seconds = divmod(rest, 60)
    text += f"{sign}{hours:02d}"
    if minutes or seconds:
        text += f":{minutes:02d}"
    if seconds:
        text += f":{seconds:02d}"
    return text.encode()


offsets = st.integers(min_value=-15 * 3600 + 1, max_value=15 * 3600 - 1).map(
    lambda seconds: datetime.timezone(datetime.timedelta(seconds=seconds))
)


def both(data: bytes):
    return quick(DjangosLoader)(OID, None).load(data), DjangosLoader(OID, None).load(data)


@given(st.datetimes(min_value=datetime.datetime(1, 1, 2), max_value=datetime.datetime(9999, 12, 30),
                    timezones=offsets))  # fmt: skip
def test_any_instant_in_any_offset_is_read_as_djangos_loader_reads_it(moment):
    read, djangos = both(postgresql_text(moment))
    assert read == djangos == moment
    assert (read.tzinfo, read.utcoffset(), read.timetuple()) == (
        djangos.tzinfo,
        djangos.utcoffset(),
        djangos.timetuple(),
    )


@pytest.mark.parametrize("text", [b"0044-03-15 12:00:00+00 BC", b"10000-01-01 00:00:00+00",
                                  b"not a time", b"2016-01-29 17:05:00"])  # fmt: skip
def test_what_the_iso_parser_cannot_read_goes_to_djangos_loader(text):
    with pytest.raises(DataError) as djangos:
        DjangosLoader(OID, None).load(text)
    with pytest.raises(DataError) as read:
        quick(DjangosLoader)(OID, None).load(text)
    assert str(read.value) == str(djangos.value)


@pytest.mark.django_db
def test_a_postgresql_connection_reads_its_timestamps_so():
    if connection.vendor != "postgresql":
        pytest.skip("The loader is PostgreSQL's.")
    connection.ensure_connection()
    loader = connection.connection.adapters.get_loader(OID, 0)
    assert getattr(loader, "quick", False)
    texts = ["2016-01-29 17:05:00+00", "2016-01-29 17:05:00.5+05:30", "1900-06-01 00:00:00+00"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(["%s::timestamptz"] * len(texts)), texts)
        row = cursor.fetchone()
    expected = [datetime.datetime.fromisoformat(t).astimezone(datetime.UTC) for t in texts]
    assert list(row) == expected
    assert all(value.tzinfo is datetime.UTC for value in row)


def test_an_iso_timestamp_never_reaches_the_loader_in_python():
    class Refusing(DjangosLoader):
        def load(self, data):
            raise AssertionError("read by the loader written in Python")

    read = quick(Refusing)(OID, None).load(b"2016-01-29 17:05:00.25+00")
    assert read == datetime.datetime(2016, 1, 29, 17, 5, 0, 250000, tzinfo=datetime.UTC)
