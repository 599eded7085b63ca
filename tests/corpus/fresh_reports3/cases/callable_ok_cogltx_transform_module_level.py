# family: callable
# hazard: none
# line: none
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix given in https://github.com/Sleepychord/CogLTX/issues/2 ("Just move def conditional_trans_classification() out of if __name__ == \"__main__\""): the conditional transform is defined at module level of the training script, so the spawned data-loading worker finds it by name when it re-imports the script as __mp_main__; the config still carries it through main_loop.
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


def conditional_trans_classification(qbuf, dbuf):
    return qbuf, dbuf.strip()


if __name__ == "__main__":
    config = Namespace(n_samples=4, model_name="roberta-base",
                       conditional_transforms=[conditional_trans_classification])
    print("RESULT=%d" % main_loop(config))
