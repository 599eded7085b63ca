"""A pre-forking file-transfer server (pyftpdlib's MultiprocessFTPServer shape)."""
import multiprocessing
import sys


def _serve_one(handler_cls, session_id, root):
    return handler_cls(root).handle(session_id)


class MultiprocessServer:
    def __init__(self, handler_cls, root, workers=2):
        if sys.platform != "win32":
            multiprocessing.set_start_method("fork")
        self.handler_cls = handler_cls
        self.root = root
        self.workers = workers

    def serve_sessions(self, session_ids):
        with multiprocessing.Pool(self.workers) as pool:
            return pool.starmap(_serve_one,
                                [(self.handler_cls, s, self.root) for s in session_ids])
