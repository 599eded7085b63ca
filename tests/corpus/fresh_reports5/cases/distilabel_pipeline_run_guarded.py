# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the fix given in distilabel #685: call pipeline.run() under if __name__ == "__main__" (https://github.com/argilla-io/distilabel/issues/685)
import multiprocessing as mp


def _init_worker(log_queue):
    global LOG_QUEUE
    LOG_QUEUE = log_queue


def _run_step(step):
    LOG_QUEUE.put("running %s" % step["name"])
    return step["name"].upper()


class Pipeline:
    def __init__(self, name):
        self.name = name
        self.dag = []

    def add_step(self, name, batch_size=8):
        self.dag.append({"name": name, "batch_size": batch_size})
        return self

    def run(self):
        ctx = mp.get_context()
        with ctx.Manager() as manager:
            log_queue = manager.Queue()
            with ctx.Pool(len(self.dag), initializer=_init_worker, initargs=(log_queue,)) as pool:
                return pool.map(_run_step, self.dag)


pipeline = Pipeline("generate").add_step("load").add_step("text_generation")

if __name__ == "__main__":
    distiset = pipeline.run()
    print("RESULT=%s" % distiset)
