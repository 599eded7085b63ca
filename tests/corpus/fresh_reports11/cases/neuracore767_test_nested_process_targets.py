# family: callable
# hazard: unpicklable-target
# line: 40 41 51 55
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 15
# note: https://github.com/NeuracoreAI/neuracore/pull/767 -- the streaming tests start multiprocessing.Process with functions nested inside the test methods; on macOS (spawn) the target is pickled by reference and the nested function cannot be found, so the PR hoists them to module level
import multiprocessing
import sys
import time
import unittest


class FrameBuffer:
    """A tiny stand-in for the shared recording buffer the tests check."""

    def __init__(self, ctx):
        self.queue = ctx.Queue()

    def drain(self, n, timeout=5.0):
        out = []
        deadline = time.monotonic() + timeout
        while len(out) < n and time.monotonic() < deadline:
            try:
                out.append(self.queue.get(timeout=0.2))
            except Exception:
                pass
        return out


class TestStreamingProcesses(unittest.TestCase):
    def setUp(self):
        self.ctx = multiprocessing.get_context()
        self.buffer = FrameBuffer(self.ctx)

    def test_producer_streams_frames(self):
        def producer(queue, count):
            for i in range(count):
                queue.put({"frame": i, "t": time.time()})

        proc = self.ctx.Process(target=producer, args=(self.buffer.queue, 3))
        proc.start()
        frames = self.buffer.drain(3)
        proc.join(5)
        self.assertEqual([f["frame"] for f in frames], [0, 1, 2])

    def test_two_robots_log_concurrently(self):
        def log_robot(queue, robot_id):
            queue.put(robot_id)

        procs = [
            self.ctx.Process(target=log_robot, args=(self.buffer.queue, rid))
            for rid in ("arm", "base")
        ]
        for p in procs:
            p.start()
        seen = sorted(self.buffer.drain(2))
        for p in procs:
            p.join(5)
        self.assertEqual(seen, ["arm", "base"])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
