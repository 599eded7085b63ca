# family: state
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 15
# note: https://github.com/numba/numba/issues/9192 -- the fix the issue asks for: the test makes its Queue from the same spawn context as the Process it starts
import multiprocessing
import os
import sys
import unittest


def _child_sum(q, values):
    q.put((os.getpid(), sum(v * v for v in values)))


def _parent_sum(values):
    return sum(v * v for v in values)


class ForkSafetyMixin:
    _method = "spawn"

    @classmethod
    def setUpClass(cls):
        cls._ctx = multiprocessing.get_context(cls._method)

    def run_in_child(self, values):
        q = self._ctx.Queue()
        proc = self._ctx.Process(target=_child_sum, args=(q, values))
        proc.start()
        pid, result = q.get(timeout=10)
        proc.join(timeout=10)
        return pid, result


class TestForkSafetyIssues(ForkSafetyMixin, unittest.TestCase):
    def test_par_parent_mp_spawn_par_child_par_parent(self):
        values = list(range(10))
        before = _parent_sum(values)
        pid, child = self.run_in_child(values)
        after = _parent_sum(values)
        self.assertNotEqual(pid, os.getpid())
        self.assertEqual(before, child)
        self.assertEqual(child, after)


if __name__ == "__main__":
    unittest.main()
