"""MP203 of an object in a Process's args whose class keeps a field pickle refuses (wswp's RedisQueue holding a
redis client), when the target reads only other fields through its parameter (`queue.name`): `__getstate__`
leaves the refused field out (fixes/unread_fields.target_fields_fix; fresh_libs5 wswp_redis_queue_process_args).
Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program, skip_without
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.analyze import analyze
from mpguard.text.findings import Applicability

SOURCE = '''import multiprocessing

from redis import StrictRedis


class RedisQueue:
    def __init__(self, client=None, queue_name="wswp"):
        self.client = client or StrictRedis(host="localhost", port=6379)
        self.name = "queue:%s" % queue_name


def crawl(url, queue):
    print("crawling %s on %s" % (url, READ))


def main():
    queue = RedisQueue()
    proc = multiprocessing.Process(target=crawl, args=("http://example.test", queue))
    proc.start()
    proc.join()
    print("RESULT=%s" % proc.exitcode)


if __name__ == "__main__":
    main()
'''


def mp203(text):
    return [f for f in analyze(text, "case.py").findings if f.code == "MP203"]


def fixed(text):
    return fix_all(text, lambda t: analyze(t, "case.py").findings, unsafe=True)[0]


def test_the_field_the_target_never_reads_is_left_out():
    skip_without("redis")
    text = SOURCE.replace("READ", "queue.name")
    [finding] = mp203(text)
    assert finding.fix.applicability is Applicability.UNSAFE
    out = fixed(text)
    assert parses(out)
    assert ("    def __getstate__(self):\n"
            "        # client: kept by this process; `crawl`, run in the child, never reads it\n"
            '        state = self.__dict__.copy()\n        state.pop("client", None)\n        return state\n') in out
    assert mp203(out) == []


@pytest.mark.parametrize("read", ["queue.client", "describe(queue)", "queue.size()", "queue"])
def test_no_fix_when_the_target_may_reach_the_field(read):
    # it reads the field, hands the object on, calls a method of it, or uses it whole
    skip_without("redis")
    text = SOURCE.replace("READ", read).replace("def crawl(", "def describe(q):\n    return q.name\n\n\ndef crawl(")
    [finding] = mp203(text)
    assert finding.fix is None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    skip_without("redis")
    path = tmp_path / "prog.py"
    text = SOURCE.replace("READ", "queue.name")
    path.write_text(text)
    before = run_program(path, method, timeout=120)
    assert (before.returncode == 0) is (method == "fork"), before.stderr
    path.write_text(fixed(text))
    after = run_program(path, method, timeout=120)
    assert after.returncode == 0 and "RESULT=0" in after.stdout and "on queue:wswp" in after.stdout, after.stderr
