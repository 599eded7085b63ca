"""Worker processes that serve one part of the application (the shape of moggie.workers.base)."""
import multiprocessing


class BaseWorker(multiprocessing.Process):
    KIND = "base"

    def __init__(self, config, results):
        super().__init__(name=self.KIND, daemon=True)
        self.config = config
        self.results = results

    def run(self):
        self.results.put((self.KIND, self.work()))

    def work(self):
        raise NotImplementedError


class SearchWorker(BaseWorker):
    KIND = "search"

    def work(self):
        return self.config.get("batch") * 2


class ImportWorker(BaseWorker):
    KIND = "import"

    def work(self):
        return self.config.get("name").upper()
