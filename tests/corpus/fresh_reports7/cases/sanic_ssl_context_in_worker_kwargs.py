# family: args
# hazard: unpicklable-argument
# line: 39
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/sanic-org/sanic/issues/2655 -- app.run(ssl=context) with a ready ssl.SSLContext: the worker manager hands the server settings to each worker Process and spawn fails with "cannot pickle 'SSLContext' object"
import multiprocessing
import ssl
import sys
from dataclasses import dataclass, field


@dataclass
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8443
    extra: dict = field(default_factory=dict)


def serve(host, port, ssl=None, ready=None):
    proto = "https" if ssl is not None else "http"
    ready.put(f"{proto}://{host}:{port}")


class WorkerManager:
    def __init__(self, settings, workers=2):
        self.settings = settings
        self.workers = workers
        self.ready = multiprocessing.Queue()

    def server_kwargs(self):
        kwargs = {"host": self.settings.host, "port": self.settings.port}
        kwargs.update(self.settings.extra)
        kwargs["ready"] = self.ready
        return kwargs

    def run(self):
        procs = []
        for _ in range(self.workers):
            proc = multiprocessing.Process(target=serve, kwargs=self.server_kwargs())
            proc.start()
            procs.append(proc)
        urls = [self.ready.get(timeout=10) for _ in procs]
        for proc in procs:
            proc.join()
        return urls


def main():
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    settings = ServerSettings(extra={"ssl": context})
    urls = WorkerManager(settings).run()
    print("RESULT=" + ",".join(sorted(set(urls))))
    sys.exit(0 if urls == ["https://127.0.0.1:8443"] * 2 else 3)


if __name__ == "__main__":
    main()
