# family: object
# hazard: unpicklable-callable
# line: 42
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/RedHatInsights/insights-mcp/pull/37 (test utilities whose worker was defined inside the test, "Can't get local object ... on macOS"), as a unittest module for a word-count helper: one test defines a small Accumulator class inside the test method for its expected values and sends an instance's bound method to Pool.map; the local class cannot be found by qualified name, so pickling the task fails under every start method and the test errors.
"""Tests for the parallel word counter."""
import collections
import multiprocessing
import sys
import unittest


def count_words(text):
    return collections.Counter(text.lower().split())


def parallel_count(func, texts):
    with multiprocessing.Pool(2) as pool:
        parts = pool.map(func, texts)
    total = collections.Counter()
    for part in parts:
        total.update(part)
    return total


class WordCountTest(unittest.TestCase):
    TEXTS = ["a b a", "B c", "c c a"]

    def test_module_function(self):
        total = parallel_count(count_words, self.TEXTS)
        self.assertEqual(total["a"], 3)

    def test_counting_object(self):
        class Accumulator:
            def __init__(self, stop_words):
                self.stop_words = set(stop_words)

            def count(self, text):
                return collections.Counter(w for w in text.lower().split() if w not in self.stop_words)

        acc = Accumulator(["b"])
        total = parallel_count(acc.count, self.TEXTS)
        self.assertNotIn("b", total)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=0).result
    print(f"RESULT=errors:{len(result.errors)} failures:{len(result.failures)}")
    sys.exit(0 if result.wasSuccessful() else 1)
