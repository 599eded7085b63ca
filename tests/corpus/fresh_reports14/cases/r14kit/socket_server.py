"""OpenWPM-like extension socket server: a child process that serves the browser configuration."""
from multiprocessing import Pipe, Process


def _serve(conn, browser_params, manager_params):
    while True:
        msg = conn.recv()
        if msg == "close":
            break
        if msg == "config":
            conn.send({"browser_params": browser_params, "manager_params": manager_params})
        else:
            conn.send({"record": msg, "crawl_id": browser_params["crawl_id"]})
    conn.close()


class ExtensionSocket:
    def __init__(self, process, conn):
        self.process = process
        self.conn = conn

    def request(self, msg):
        self.conn.send(msg)
        return self.conn.recv()

    def close(self):
        self.conn.send("close")
        self.process.join(5)


def start(browser_params, manager_params, log_output=False, daemon=True):
    parent_conn, child_conn = Pipe()
    proc = Process(target=_serve, args=(child_conn, browser_params, manager_params))
    proc.daemon = daemon
    proc.start()
    return ExtensionSocket(proc, parent_conn)
