# family: results
# hazard: unpicklable-return
# line: 33
# timeout: 8
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: github.com/Maxteabag/sqlit/pull/177 -- the query worker process sends result rows back over a Pipe and its send() swallows every exception; a bytea cell arrives as a memoryview, which cannot be pickled, so the client waits for a reply that never comes.
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


class _WorkerState:
    def __init__(self, conn):
        self.conn = conn

    def send(self, message):
        try:
            self.conn.send(message)
        except Exception:
            pass


def worker_main(conn):
    state = _WorkerState(conn)
    while True:
        request = conn.recv()
        if request is None:
            break
        cursor = FakeCursor()
        cursor.execute(request["sql"])
        state.send(QueryResult(request["id"], cursor.columns, cursor.fetchall()))


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
