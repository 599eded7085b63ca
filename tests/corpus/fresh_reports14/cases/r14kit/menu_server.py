"""keepmenu-like background processes: a Server that waits for menu requests and a DmenuRunner that
serves them from the opened database."""
from multiprocessing import Event, Pipe, Process

SERVER_IDLE_TIMEOUT = 6.0


class Server(Process):
    """Listens for dmenu calling events (the real one runs a BaseManager inside)."""

    def __init__(self, cache_timeout: float = SERVER_IDLE_TIMEOUT):
        Process.__init__(self)
        self.cache_timeout = cache_timeout
        self.start_flag = Event()
        self.kill_flag = Event()
        self.args_flag = Event()
        self.totp_flag = Event()
        self.start_flag.set()
        self._parent_conn, self._child_conn = Pipe(duplex=False)

    def run(self):
        try:
            self.kill_flag.wait(self.cache_timeout)
        except KeyboardInterrupt:
            self.kill_flag.set()

    def send_args(self, args):
        self._child_conn.send(args)
        self.args_flag.set()

    def get_args(self):
        return self._parent_conn.recv()


class DmenuRunner(Process):
    """Opens the database and answers the menu requests the server collects."""

    def __init__(self, server: Server, database: dict, requests, results, **kwargs):
        Process.__init__(self)
        self.server = server
        self.database = database
        self.requests = list(requests)
        self.results = results
        self.totp = kwargs.get("totp", False)

    def run(self):
        try:
            for query in self.requests:
                self.server.start_flag.wait(2)
                entry = self.database.get(query)
                self.results.put((query, entry["username"] if entry else None))
        finally:
            self.server.kill_flag.set()
