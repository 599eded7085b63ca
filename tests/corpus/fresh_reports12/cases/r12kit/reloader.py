"""A uvicorn-like reload supervisor: the server runs in a child started from an explicit spawn context."""
import multiprocessing
from dataclasses import dataclass, field


@dataclass
class NativeConfig:
    """What native mode hands to the server process: the window's command and response queues."""
    method_queue: object
    response_queue: object
    title: str = "app"
    window_size: tuple = (800, 600)


@dataclass
class ServerConfig:
    app: str
    native: NativeConfig = None
    extra: dict = field(default_factory=dict)


class BaseReload:
    spawn = multiprocessing.get_context("spawn")

    def __init__(self, config, target):
        self.config = config
        self.target = target
        self.process = None

    def startup(self):
        self.process = self.spawn.Process(target=self.target, kwargs={"config": self.config})
        self.process.start()

    def shutdown(self):
        self.process.join(10)


class ChangeReload(BaseReload):
    def run(self, rounds=1):
        for _ in range(rounds):
            self.startup()
            self.shutdown()
        return self.process.exitcode
