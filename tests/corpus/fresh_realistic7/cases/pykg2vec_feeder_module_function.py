# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Sujit-O/pykg2vec/pull/119 -- the revert's effect: the feeder process gets only plain values (a module-level target, the queue and the config's numbers) and the logging handler stays in the parent
import logging
import multiprocessing as mp
import os
import sys
import tempfile


class KGConfig:
    def __init__(self, batch_size=4, num_batches=3):
        self.batch_size = batch_size
        self.num_batches = num_batches


def feed_batches(queue, batch_size, num_batches):
    for b in range(num_batches):
        queue.put([b * batch_size + i for i in range(batch_size)])
    queue.put(None)


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
        feeder = mp.Process(target=feed_batches,
                            args=(self.queue, self.config.batch_size, self.config.num_batches))
        feeder.daemon = True
        feeder.start()
        self.workers.append(feeder)

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
