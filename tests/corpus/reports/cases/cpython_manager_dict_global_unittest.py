# family: globals
# hazard: parent-state-not-inherited
# line: 24
# expect: fork=ok spawn=error:NameError forkserver=error:NameError
# note: Reduced from https://github.com/python/cpython/issues/128145 ("Multiprocessing code succeeds in 3.13 but fails in 3.14": a unittest setUp assigns `global LETTERS = Manager().dict(...)`, only annotated at module level, and Pool.map(add_letter, ...) workers raise NameError once the default is forkserver). Kept nearly verbatim: the annotation-only global, the TestCase with setUp/test, Manager().dict, Pool().map; run through unittest.main under the guard with 2 workers.
from __future__ import annotations

import sys
import unittest
from multiprocessing import Manager, Pool

LETTERS: dict[str, int]


def add_letter(letter: str) -> None:
    LETTERS[letter] += 1


class TestAsdf(unittest.TestCase):
    def setUp(self):
        global LETTERS

        self.manager = Manager()
        LETTERS = self.manager.dict(
            a=0,
            s=0,
            d=0,
            f=0,
        )

    def tearDown(self):
        self.manager.shutdown()

    def test_asdf(self):
        with Pool(2) as pool:
            pool.map(
                add_letter,
                list('asdf'))

        print(dict(LETTERS))
        self.assertEqual(dict(LETTERS), {'a': 1, 's': 1, 'd': 1, 'f': 1})


if __name__ == "__main__":
    unittest.main()
