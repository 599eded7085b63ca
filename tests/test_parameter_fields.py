"""A field of an object a helper is given (`config.init_fn`, `getattr(config, "init_fn")`) is what the callers'
object holds: fresh_realistic3 callable_tumlectures_initializer_lambda_in_config (TUM-Master-Informatics-Offered-
Lectures #14: a lambda initializer, here in a dataclass built by build_config() and handed to scrape())."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
import multiprocessing
from dataclasses import dataclass
from typing import Callable, Optional


def init_worker(prefix):
    pass


def fetch(course_id):
    return course_id


@dataclass
class RunConfig:
    workers: int = 2
    init_fn: Optional[Callable] = None


def build_config():
    return RunConfig(workers=2, init_fn={init})


def scrape(config, ids):
    hook = {read}
    with multiprocessing.Pool(config.workers, initializer=hook) as pool:
        return pool.map(fetch, ids)


if __name__ == "__main__":
    print(scrape(build_config(), [1, 2]))
"""


def mp201(init: str, read: str) -> list:
    source = PROGRAM.replace("{init}", init).replace("{read}", read)
    return [f.start.row for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP201"]


@pytest.mark.parametrize("read", ["config.init_fn", 'getattr(config, "init_fn")'])
def test_a_lambda_in_a_field_of_the_object_passed(read):
    assert mp201("lambda: init_worker('IN')", read) == [27]


@pytest.mark.parametrize("read", ["config.init_fn", 'getattr(config, "init_fn")'])
def test_a_function_in_that_field_is_fine(read):
    assert mp201("init_worker", read) == []


def test_another_field_or_an_unknown_name_says_nothing():
    assert mp201("lambda: init_worker('IN')", "config.workers and None") == []
    assert mp201("lambda: init_worker('IN')", 'getattr(config, "init_" + "fn", None)') == []


def test_a_field_stored_by_a_method():
    source = """
        import multiprocessing

        class Job:
            def __init__(self):
                self.transform = None

            def configure(self, scale):
                self.transform = lambda x: x * scale

        def run(job, items):
            with multiprocessing.Pool(2) as pool:
                return pool.map(job.transform, items)

        if __name__ == "__main__":
            job = Job()
            job.configure(3)
            print(run(job, [1, 2]))
    """
    found = [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP201"]
    assert [f.start.row for f in found] == [13]
