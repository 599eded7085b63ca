"""Stand-in for spacetime.Node: a Process subclass that runs an app class."""
import multiprocessing


class Node(multiprocessing.Process):
    def __init__(self, appcls, dataframe=None):
        super().__init__()
        self.appcls = appcls
        self.dataframe = dataframe or {}
        self.result_q = multiprocessing.Queue()

    def run(self):
        app = self.appcls(self.dataframe)
        self.result_q.put(app.execute())

    def start(self, *args, **kwargs):
        self._start(*args, **kwargs)
        return self.result_q.get(timeout=10)

    def _start(self, *args, **kwargs):
        super().start()
