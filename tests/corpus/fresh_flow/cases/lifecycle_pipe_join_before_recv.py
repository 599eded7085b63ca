# family: lifecycle
# hazard: queue-join-deadlock
# line: 26
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: Modelled on https://github.com/sixty-north/multiprocessing_on_dill/issues/4 (a worker Process is handed one end of a Pipe and the parent reads the other end) with the order reversed as in many Q&A threads: the parent joins the worker before recv(), and the worker's send() of a large table blocks on the full pipe.
"""Build a lookup table in a worker process and load it in the parent."""
import multiprocessing
import sys


class TableBuilder:
    def __init__(self, size):
        self.size = size
        self._out, self._in = multiprocessing.Pipe()
        self._process = multiprocessing.Process(target=self._worker_fn, args=(self.size, self._in))

    @staticmethod
    def _worker_fn(size, conn):
        table = {i: "value-%08d" % i for i in range(size)}
        conn.send(table)
        conn.close()

    def build(self):
        self._process.start()
        self._process.join()
        return self._out.recv()


def main():
    builder = TableBuilder(50000)
    table = builder.build()
    print("RESULT=%d" % len(table))
    return 0 if len(table) == 50000 else 3


if __name__ == "__main__":
    sys.exit(main())
