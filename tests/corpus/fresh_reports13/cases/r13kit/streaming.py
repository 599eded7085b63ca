"""A neuraxle-like streaming pipeline: steps know their parent pipeline through a weak reference,
and a QueueWorker runs its wrapped step in worker processes fed by queues."""
import multiprocessing
import weakref


class ExecutionContext:
    def __init__(self, root="cache"):
        self.root = root


class BaseStep:
    def __init__(self, name=None):
        self.name = name or type(self).__name__
        self._parent_ref = None

    def set_parent(self, parent):
        # the pipeline owns its steps; the back link must not keep it alive
        self._parent_ref = weakref.ref(parent)
        return self

    @property
    def parent(self):
        return self._parent_ref() if self._parent_ref is not None else None

    def transform(self, data_inputs):
        raise NotImplementedError


class MultiplyByN(BaseStep):
    def __init__(self, multiply_by):
        super().__init__()
        self.multiply_by = multiply_by

    def transform(self, data_inputs):
        return [x * self.multiply_by for x in data_inputs]


def worker_function(queue_worker, context, tasks, results):
    while True:
        batch = tasks.get()
        if batch is None:
            break
        index, data_inputs = batch
        results.put((index, queue_worker.wrapped.transform(data_inputs)))


class QueueWorker(BaseStep):
    """Runs `wrapped` in n_workers processes."""

    def __init__(self, wrapped, n_workers=2):
        super().__init__(name="QueueWorker_" + wrapped.name)
        self.wrapped = wrapped
        self.n_workers = n_workers
        self.workers = []
        self.tasks = multiprocessing.Queue()
        self.results = multiprocessing.Queue()

    def start(self, context):
        for _ in range(self.n_workers):
            p = multiprocessing.Process(target=worker_function, args=(self, context, self.tasks, self.results))
            p.daemon = True
            p.start()
            self.workers.append(p)

    def stop(self):
        for _ in self.workers:
            self.tasks.put(None)
        for p in self.workers:
            p.join(5)
        self.workers = []
