# family: callable
# hazard: unpicklable-callable
# line: 20 21
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/ethanhe42/channel-pruning/issues/102 ("AttributeError: Can't pickle local object 'Worker.do.<locals>.job'" at `p.start()` in lib/worker.py on Windows 10, Python 3.5): the Worker class runs each pruning step in a fresh process so that the framework's memory is released; do() defines the job inside itself and starts it with a queue for the result. Reduced: the caffe model is a dict of layer widths.
"""Run each pruning step in a separate process and collect its output."""
import multiprocessing as mp


class Worker:
    def __init__(self, name="c3"):
        self.name = name

    def do(self, func, **kwargs):
        q = mp.Queue()

        def job(**kw):
            q.put(func(**kw))

        p = mp.Process(target=job, kwargs=kwargs)
        p.start()
        out = q.get(timeout=10)
        p.join()
        return out


def step0(pt, model):
    return {layer: int(width * pt) for layer, width in model.items()}


if __name__ == "__main__":
    worker = Worker()
    outputs = worker.do(step0, pt=0.5, model={"conv1_1": 64, "conv1_2": 64, "conv2_1": 128})
    print("RESULT=%s" % sorted(outputs.items()))
