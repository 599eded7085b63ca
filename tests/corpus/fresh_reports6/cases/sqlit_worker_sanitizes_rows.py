# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/Maxteabag/sqlit/pull/177 -- the fix from #171 that the PR builds on: the adapter sanitizes each row (memoryview cells become bytes) before the worker sends it over the Pipe.
import multiprocessing
from dataclasses import dataclass


@dataclass
class QueryResult:
    query_id: int
    columns: list
    rows: list


class FakeCursor:
    def execute(self, sql):
        self.rows = [(1, memoryview(b"\x00\x01binary")), (2, memoryview(b"\x02\x03more"))]
        self.columns = ["id", "payload"]

    def fetchall(self):
        return self.rows


def _sanitize_row(row):
    return tuple(bytes(cell) if isinstance(cell, memoryview) else cell for cell in row)


class _WorkerState:
    def __init__(self, conn):
        self.conn = conn

    def send(self, message):
        try:
            self.conn.send(message)
        except Exception as exc:
            self.conn.send(("error", message.query_id, str(exc)))


def worker_main(conn):
    state = _WorkerState(conn)
    while True:
        request = conn.recv()
        if request is None:
            break
        cursor = FakeCursor()
        cursor.execute(request["sql"])
        rows = [_sanitize_row(row) for row in cursor.fetchall()]
        state.send(QueryResult(request["id"], cursor.columns, rows))


class ProcessClient:
    def __init__(self):
        self.conn, child_conn = multiprocessing.Pipe()
        self.proc = multiprocessing.Process(target=worker_main, args=(child_conn,), daemon=True)
        self.proc.start()

    def execute_query(self, query_id, sql):
        self.conn.send({"id": query_id, "sql": sql})
        return self.conn.recv()


if __name__ == "__main__":
    client = ProcessClient()
    result = client.execute_query(1, "select id, payload from blobs")
    client.conn.send(None)
    print("RESULT=%s" % len(result.rows))
