# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/NeuracoreAI/neuracore/pull/767 -- the merged fix: the process targets are hoisted out of the test methods to module-level functions, which pickle by reference under spawn and forkserver
import multiprocessing
import sys
import time
import unittest


def producer(queue, count):
    for i in range(count):
        queue.put({"frame": i, "t": time.time()})


def log_robot(queue, robot_id):
    queue.put(robot_id)


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
        proc = self.ctx.Process(target=producer, args=(self.buffer.queue, 3))
        proc.start()
        frames = self.buffer.drain(3)
        proc.join(5)
        self.assertEqual([f["frame"] for f in frames], [0, 1, 2])

    def test_two_robots_log_concurrently(self):
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
