# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/jina-ai/serve/issues/4642 -- the working variant for a daemonic pod: the executor parallelises with multiprocessing.pool.ThreadPool, which starts threads, not processes.
import multiprocessing
from multiprocessing.pool import ThreadPool


def preprocess(batch):
    return [{"text": "Hello", "embedding": [0.0, 0.0, 0.0], "id": doc} for doc in batch]


class Executor:
    requests = {}


class DummyExecutor(Executor):
    def __init__(self, workers=3):
        self.workers = workers

    def foo(self, docs, parameters=None):
        batches = [docs[i:i + 2] for i in range(0, len(docs), 2)]
        with ThreadPool(processes=self.workers) as p:
            return [d for part in p.imap(preprocess, batches) for d in part]


def run_pod(executor_cls, docs, out_queue):
    executor = executor_cls()
    out_queue.put(len(executor.foo(docs)))


class Flow:
    def __init__(self):
        self.uses = None

    def add(self, uses):
        self.uses = uses
        return self

    def post(self, inputs):
        out_queue = multiprocessing.Queue()
        pod = multiprocessing.Process(target=run_pod, args=(self.uses, inputs, out_queue), daemon=True)
        pod.start()
        count = out_queue.get(timeout=20)
        pod.join(20)
        return count


if __name__ == "__main__":
    flow = Flow().add(uses=DummyExecutor)
    print("RESULT=%s" % flow.post(list(range(5))))
