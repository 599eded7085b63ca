"""A live-server test helper that fixes the start method when it is imported (channels-style)."""
import multiprocessing

multiprocessing.set_start_method("fork")


def _serve(port, ready):
    ready.set()


class LiveServerTestCase:
    port = 8081

    def start_server(self):
        self.ready = multiprocessing.Event()
        self.server = multiprocessing.Process(target=_serve, args=(self.port, self.ready))
        self.server.start()
        self.ready.wait(10)
        self.server.join()
        return self.ready.is_set()
