# family: args
# hazard: unpicklable-target
# line: 30, 32
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/Sujit-O/pykg2vec/pull/119 -- after a logger refactor, Generator.create_feeder_process fails on Windows inside reduction.dump(process_obj) at feeder_worker.start(); reduced to a batch generator whose feeder target is its own bound method while the instance keeps a logging FileHandler (an RLock) on self
import logging
import multiprocessing as mp
import os
import sys
import tempfile


class KGConfig:
    def __init__(self, batch_size=4, num_batches=3):
        self.batch_size = batch_size
        self.num_batches = num_batches


class Generator:
    def __init__(self, config, log_path):
        self.config = config
        self.handler = logging.FileHandler(log_path)
        self.logger = logging.getLogger("pykg2vec.generator")
        self.logger.addHandler(self.handler)
        self.queue = mp.Queue()
        self.workers = []
        self.create_feeder_process()

    def create_feeder_process(self):
        feeder = mp.Process(target=self._feed, args=(self.queue,))
        feeder.daemon = True
        feeder.start()
        self.workers.append(feeder)

    def _feed(self, queue):
        for b in range(self.config.num_batches):
            queue.put([b * self.config.batch_size + i for i in range(self.config.batch_size)])
        queue.put(None)

    def __iter__(self):
        while True:
            batch = self.queue.get(timeout=10)
            if batch is None:
                return
            yield batch

    def stop(self):
        for w in self.workers:
            w.join(5)
        self.logger.removeHandler(self.handler)
        self.handler.close()


def train_model():
    log_path = os.path.join(tempfile.gettempdir(), f"kg_{os.getpid()}.log")
    gen = Generator(KGConfig(), log_path)
    total = sum(sum(batch) for batch in gen)
    gen.stop()
    return total


if __name__ == "__main__":
    print("loss-proxy", train_model())
    sys.exit(0)
