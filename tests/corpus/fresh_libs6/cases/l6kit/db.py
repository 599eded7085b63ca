"""Database settings and factories for the report programs (no server is contacted)."""
from psycopg_pool import ConnectionPool

CONNINFO = "host=127.0.0.1 port=1 dbname=reports user=reporter connect_timeout=1"


def make_pool(conninfo=CONNINFO):
    return ConnectionPool(conninfo, min_size=1, max_size=4, open=False, name="reports")
