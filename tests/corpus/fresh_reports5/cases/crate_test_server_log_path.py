# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the fix shape for crate-python #398: the server Process keeps only the log path and opens the file in run(), in the child (https://github.com/crate/crate-python/issues/398)
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
        self.log = None

    def run(self):
        self.log = open(self.log_path, "w")
        self.log.write("serving on %d\n" % self.port)
        self.log.close()
        time.sleep(0.2)


class KeepAliveClientTest:
    def setUp(self):
        self.server_process = SharedStateServer(44209, "keepalive.log")
        self.server_process.start()

    def tearDown(self):
        self.server_process.join(5)

    def test_client_keepalive(self):
        return self.server_process.port == 44209


if __name__ == "__main__":
    case = KeepAliveClientTest()
    case.setUp()
    try:
        print("RESULT=%s" % case.test_client_keepalive())
    finally:
        case.tearDown()
