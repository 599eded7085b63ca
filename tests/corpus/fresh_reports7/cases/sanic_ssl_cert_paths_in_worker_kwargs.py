# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/sanic-org/sanic/issues/2655 -- the working form: the settings carry the certificate and key paths (a dict, as sanic accepts for ssl=) and each worker builds its own SSLContext after it starts
import multiprocessing
import ssl
import sys
from dataclasses import dataclass, field


@dataclass
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8443
    extra: dict = field(default_factory=dict)


def serve(host, port, ssl_paths=None, ready=None):
    context = None
    if ssl_paths is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        # a real server would call context.load_cert_chain(**ssl_paths) here
    proto = "https" if context is not None else "http"
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
    paths = {"certfile": "/etc/ssl/server.crt", "keyfile": "/etc/ssl/server.key"}
    settings = ServerSettings(extra={"ssl_paths": paths})
    urls = WorkerManager(settings).run()
    print("RESULT=" + ",".join(sorted(set(urls))))
    sys.exit(0 if urls == ["https://127.0.0.1:8443"] * 2 else 3)


if __name__ == "__main__":
    main()
