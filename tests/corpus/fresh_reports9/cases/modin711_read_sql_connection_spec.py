# family: args
# hazard: none
# line: none
# files: r9kit/sqlconn.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/modin-project/modin/issues/711 -- the fix direction the maintainers describe: do not ship the connection object, ship what is needed to rebuild it (the URL) and let each worker open its own connection
import functools
import os
import sys
import tempfile
from multiprocessing import Pool

from r9kit.sqlconn import ConnectionSpec, Engine, make_table


def read_chunk(spec, sql, offset, limit):
    conn = spec.get_connection()
    try:
        rows = conn.execute(f"{sql} LIMIT {limit} OFFSET {offset}").fetchall()
    finally:
        conn.close()
    return rows


class SQLDispatcher:
    def __init__(self, partitions=2):
        self.partitions = partitions

    def _offsets(self, con, sql):
        conn = con.connect()
        n = conn.execute(f"SELECT COUNT(*) FROM ({sql})").fetchone()[0]
        conn.close()
        step = -(-n // self.partitions)
        return [(off, step) for off in range(0, n, step)]

    def read_sql(self, sql, con):
        offsets = self._offsets(con, sql)
        task = functools.partial(read_chunk, ConnectionSpec(con.url), sql)
        with Pool(self.partitions) as pool:
            parts = pool.starmap(task, offsets)
        return [row for part in parts for row in part]


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(prefix="r9sql"), "db.sqlite")
    make_table(path, 10)
    engine = Engine(f"sqlite:///{path}")
    rows = SQLDispatcher().read_sql("SELECT id, v FROM t ORDER BY id", engine)
    print(f"RESULT={len(rows)}")
    sys.exit(0 if len(rows) == 10 else 3)
