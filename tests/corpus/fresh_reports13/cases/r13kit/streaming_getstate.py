"""The QueueWorker of r13kit.streaming, with a pickled form that leaves the parent link and the
worker handles behind (a process receives the step, not the pipeline around it)."""
from r13kit.streaming import QueueWorker


class DetachedQueueWorker(QueueWorker):
    def __getstate__(self):
        state = self.__dict__.copy()
        state["_parent_ref"] = None
        state["workers"] = []
        return state
