# family: callable
# hazard: unpicklable-callable
# line: 30
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: crate-python's HTTP keep-alive test started a server Process subclass whose __init__ kept an open log file; under spawn (macOS) start() fails with "cannot pickle '_io.TextIOWrapper' object" (https://github.com/crate/crate-python/issues/398)
import multiprocessing
import os
import tempfile
import time


class SharedStateServer(multiprocessing.Process):
    """A tiny fake HTTP server used by the keep-alive tests."""

    def __init__(self, port, log_name):
        super().__init__(daemon=True)
        self.port = port
        self.log_path = os.path.join(tempfile.gettempdir(), log_name)
        self.log = open(self.log_path, "w")

    def run(self):
        self.log.write("serving on %d\n" % self.port)
        self.log.flush()
        time.sleep(0.2)


class KeepAliveClientTest:
    def setUp(self):
        self.server_process = SharedStateServer(44209, "keepalive.log")
        self.server_process.start()

    def tearDown(self):
        self.server_process.join(5)
        self.server_process.log.close()

    def test_client_keepalive(self):
        return self.server_process.port == 44209


if __name__ == "__main__":
    case = KeepAliveClientTest()
    case.setUp()
    try:
        print("RESULT=%s" % case.test_client_keepalive())
    finally:
        case.tearDown()
