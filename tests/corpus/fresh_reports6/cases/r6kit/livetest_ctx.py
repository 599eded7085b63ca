"""The same live-server helper using its own fork context instead of the global start method."""
import multiprocessing

_ctx = multiprocessing.get_context("fork")


def _serve(port, ready):
    ready.set()


class LiveServerTestCase:
    port = 8081

    def start_server(self):
        self.ready = _ctx.Event()
        self.server = _ctx.Process(target=_serve, args=(self.port, self.ready))
        self.server.start()
        self.ready.wait(10)
        self.server.join()
        return self.ready.is_set()
