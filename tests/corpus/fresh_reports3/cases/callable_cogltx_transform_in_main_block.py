# family: callable
# hazard: unpicklable-callable
# line: 32
# timeout: 20
# expect: fork=ok spawn=attribute_error_mp_main forkserver=attribute_error_mp_main
# note: Shape of https://github.com/Sleepychord/CogLTX/issues/2 ("AttributeError: Can't get attribute 'conditional_trans_classification' on <module '__mp_main__' from '/data/CogLTX/run_20news.py'>" from spawn.py _main; the answer: "Just move def conditional_trans_classification() out of if __name__ == \"__main__\""): run_20news.py defines the conditional transform inside its main block and hands it through the config to main_loop, whose data-loading worker process receives the config; a spawned child re-imports the script as __mp_main__ without running the main block, so the function is missing. Reduced: the BERT reasoner and buffers are lists of strings; the data loader is one Process filling a queue.
"""Train the 20news classifier with CogLTX's memory-recall loop."""
import multiprocessing
from argparse import Namespace


def load_buffers(n):
    return [("q%d" % i, "doc %d " % i * 3) for i in range(n)]


def loader_worker(config, out):
    batches = []
    for qbuf, dbuf in load_buffers(config.n_samples):
        for trans in config.conditional_transforms:
            qbuf, dbuf = trans(qbuf, dbuf)
        batches.append(len(dbuf))
    out.put(batches)


class ReasonerLoop:
    def __init__(self, config):
        self.config = config

    def run(self):
        out = multiprocessing.Queue()
        worker = multiprocessing.Process(target=loader_worker, args=(self.config, out))
        worker.start()
        batches = out.get(timeout=8)
        worker.join()
        return sum(batches)


def main_loop(config):
    loop = ReasonerLoop(config)
    return loop.run()


if __name__ == "__main__":
    def conditional_trans_classification(qbuf, dbuf):
        return qbuf, dbuf.strip()

    config = Namespace(n_samples=4, model_name="roberta-base",
                       conditional_transforms=[conditional_trans_classification])
    print("RESULT=%d" % main_loop(config))
