# family: callable
# hazard: unpicklable-callable
# line: 31
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: github.com/minyoungg/selfconsistency/issues/1 -- EfficientBenchmark.update_queue_runner defines new_cr inside the method and hands it to a Process ("Can't pickle local object 'EfficientBenchmark.update_queue_runner.<locals>.new_cr'" on Windows).
import multiprocessing
from dataclasses import dataclass, field


@dataclass
class BenchmarkConfig:
    num_per_dim: int = 3
    patch_size: int = 8
    batch: list = field(default_factory=lambda: [1, 2, 3])


class EfficientBenchmark:
    def __init__(self, config):
        self.config = config
        self.queue = multiprocessing.Queue()
        self.runners = []

    def update_queue_runner(self, image_ids):
        num = self.config.num_per_dim

        def new_cr(queue, ids):
            for image_id in ids:
                queue.put((image_id, image_id * num))
            queue.put(None)

        runner = multiprocessing.Process(target=new_cr, args=(self.queue, image_ids))
        self.runners.append(runner)
        return runner

    def run(self, image_ids):
        runner = self.update_queue_runner(image_ids)
        runner.start()
        scores = []
        while True:
            item = self.queue.get()
            if item is None:
                break
            scores.append(item[1])
        runner.join()
        return scores


if __name__ == "__main__":
    bench = EfficientBenchmark(BenchmarkConfig())
    scores = bench.run([1, 2, 3])
    print("RESULT=%s" % scores)
