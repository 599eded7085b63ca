"""uvicorn-like ChangeReload supervisor: always starts the server in a spawn-context process."""
import multiprocessing

spawn = multiprocessing.get_context("spawn")


class ChangeReload:
    def __init__(self, target, config):
        self.target = target
        self.config = config
        self.process = None

    def startup(self):
        self.process = spawn.Process(target=self.target, kwargs={"config": self.config})
        self.process.start()

    def run(self):
        self.startup()
        self.process.join(15)
        return self.process.exitcode
