"""PostgreSQL's timestamps read by Python's own ISO parser, written in C.

Django reads every `timestamp with time zone` through psycopg's loader written in Python (a
regular expression, seven ints, two datetimes and a time zone conversion each): a round's
status for 152 areas reads 244 of them, a tenth of its CPU (issue 33). PostgreSQL writes
them in ISO form (`2016-01-29 17:05:00.123456+00`), which `datetime.fromisoformat` reads;
the instant is then given the connection's time zone and Django's, as psycopg's loader and
Django's give them. Anything else (a date before Christ, past the year 9999, a DateStyle
other than ISO) goes to the loader it stands in for, which reads it or refuses it as before.

`quicken` puts it in place of the loader Django registers on each new connection.
"""

from datetime import datetime

from psycopg.adapt import Loader
from psycopg.pq import Format
from psycopg.types.datetime import TimestamptzLoader

TIMESTAMPTZ = "timestamptz"


def quick(base: type[Loader]) -> type[Loader]:
    """A loader that reads what it can by `datetime.fromisoformat`, else as `base` does.
    `base` is the loader Django registered: psycopg's, handing its result Django's time zone
    (its `timezone`, which Django reads back to decide whether a cursor needs its own)."""

    class QuickTimestamptzLoader(base):
        quick = True

        def load(self, data):
            if self._load_method is TimestamptzLoader._load_iso:
                try:
                    moment = datetime.fromisoformat(bytes(data).decode())
                    if moment.tzinfo is not None:  # a timestamptz always says its offset
                        return moment.astimezone(self._timezone).replace(tzinfo=self.timezone)
                except (ValueError, OverflowError):
                    pass
            return super().load(data)

    return QuickTimestamptzLoader


def quicken(sender=None, connection=None, **kwargs) -> None:
    """`connection_created`: a PostgreSQL connection's timestamps read by `quick`."""
    if connection is None or connection.vendor != "postgresql":
        return
    adapters = connection.connection.adapters
    info = adapters.types.get(TIMESTAMPTZ)
    current = adapters.get_loader(info.oid, Format.TEXT)
    psycopgs = current is not None and issubclass(current, TimestamptzLoader)
    if psycopgs and not getattr(current, "quick", False):
        adapters.register_loader(TIMESTAMPTZ, quick(current))
