"""The planner's statistics, gathered as a server's autovacuum gathers them."""


def analyse() -> None:
    """ANALYZE the whole database, after a bench has loaded or generated its data. A server's
    autovacuum analyses a table once enough of it has changed; CI's PostgreSQL runs without
    autovacuum (its conf.d/90-ci.conf), and tables never analysed mislead the planner: the
    national figures' sum sorted 6,720 rows it took for 7, 13.9 ms instead of 3.5 (issue 33).
    SQLite's ANALYZE does the same for its planner."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
