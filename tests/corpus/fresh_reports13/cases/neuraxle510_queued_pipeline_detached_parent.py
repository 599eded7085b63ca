# family: args
# hazard: none
# line: none
# files: r13kit/streaming.py r13kit/streaming_getstate.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Neuraxio/Neuraxle/issues/510 -- the working variant: the queued pipeline wraps its steps in a QueueWorker whose __getstate__ drops the weak parent link (and the worker handles), so the step each worker process receives pickles under spawn and forkserver too
import sys
import unittest

from r13kit.streaming import BaseStep, ExecutionContext, MultiplyByN
from r13kit.streaming_getstate import DetachedQueueWorker


class SequentialQueuedPipeline(BaseStep):
    """Splits the data in batches and streams them through the queued steps."""

    def __init__(self, steps, batch_size=10):
        super().__init__()
        self.batch_size = batch_size
        self.steps = [DetachedQueueWorker(step, n_workers=2).set_parent(self) for step in steps]

    def transform(self, data_inputs):
        context = ExecutionContext()
        for step in self.steps:
            step.start(context)
        try:
            for step in self.steps:
                batches = [data_inputs[i:i + self.batch_size] for i in range(0, len(data_inputs), self.batch_size)]
                for index, batch in enumerate(batches):
                    step.tasks.put((index, batch))
                outputs = dict(step.results.get(timeout=10) for _ in batches)
                data_inputs = [x for index in sorted(outputs) for x in outputs[index]]
        finally:
            for step in self.steps:
                step.stop()
        return data_inputs


class TestStreaming(unittest.TestCase):
    def test_queued_pipeline_with_savers(self):
        p = SequentialQueuedPipeline([MultiplyByN(2), MultiplyByN(3)], batch_size=10)
        outputs = p.transform(list(range(100)))
        self.assertEqual(outputs, [x * 6 for x in range(100)])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=0).result
    if result.errors or result.failures:
        for _, trace in result.errors + result.failures:
            sys.stderr.write(trace)
        sys.exit(1)
