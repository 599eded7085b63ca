# family: daemon
# hazard: daemon-children
# line: 23
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: github.com/jina-ai/serve/issues/4642 -- an Executor's request handler opens multiprocessing.Pool(processes=3), but the pod that hosts the executor is a daemonic Process ("daemonic processes are not allowed to have children").
import multiprocessing


def preprocess(batch):
    return [{"text": "Hello", "embedding": [0.0, 0.0, 0.0], "id": doc} for doc in batch]


class Executor:
    requests = {}


class DummyExecutor(Executor):
    def __init__(self, workers=3):
        self.workers = workers

    def foo(self, docs, parameters=None):
        batches = [docs[i:i + 2] for i in range(0, len(docs), 2)]
        with multiprocessing.Pool(processes=self.workers) as p:
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
        pod.join(20)
        return pod.exitcode


if __name__ == "__main__":
    flow = Flow().add(uses=DummyExecutor)
    print("RESULT=%s" % flow.post(list(range(5))))
