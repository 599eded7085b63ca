"""MP201 of a Process subclass whose object keeps a field pickle refuses, which its own `run` never reads (a
KafkaProducer made in `__init__` and closed by the parent after the join; fresh_libs5
kafka_producer_in_process_init): `__getstate__` leaves the field out of the object spawn pickles
(fixes/unread_fields.py, with `run` as the method the child runs). Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program, skip_without
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.analyze import analyze
from mpguard.text.findings import Applicability

SOURCE = '''import multiprocessing

from kafka import KafkaProducer


class EventProducer(multiprocessing.Process):
    def __init__(self, topic, count):
        super().__init__()
        self.topic = topic
        self.count = count
        self.producer = KafkaProducer(bootstrap_servers="localhost:9", api_version=(2, 0, 0),
                                      client_id="worker")

    def run(self):
        payloads = [("event-%d" % n).encode() for n in range(self.count)]
        print("prepared %d events for %s" % (len(payloads), READ))


def main():
    worker = EventProducer("my-topic", 3)
    worker.start()
    worker.join()
    worker.producer.close(timeout=0)
    print("RESULT=%s" % worker.exitcode)


if __name__ == "__main__":
    main()
'''


def mp201(text):
    return [f for f in analyze(text, "case.py").findings if f.code == "MP201"]


def fixed(text):
    return fix_all(text, lambda t: analyze(t, "case.py").findings, unsafe=True)[0]


def test_the_field_run_never_reads_is_left_out():
    skip_without("kafka")
    text = SOURCE.replace("READ", "self.topic")
    [finding] = mp201(text)
    assert finding.fix.applicability is Applicability.UNSAFE
    out = fixed(text)
    assert parses(out)
    assert ('    def __getstate__(self):\n'
            '        # producer: kept by this process; `run`, run in the child, never reads it\n'
            '        state = self.__dict__.copy()\n        state.pop("producer", None)\n        return state\n') in out
    assert mp201(out) == []


def test_no_fix_when_run_reads_the_field():
    skip_without("kafka")
    [finding] = mp201(SOURCE.replace("READ", "self.producer"))
    assert finding.fix is None


def test_no_fix_when_run_hands_the_object_on():
    # `describe(self)`: which fields the child reads is not known
    skip_without("kafka")
    text = SOURCE.replace("READ", "describe(self)").replace("class EventProducer", "def describe(p):\n    return p.topic\n\n\nclass EventProducer")
    [finding] = mp201(text)
    assert finding.fix is None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    skip_without("kafka")
    path = tmp_path / "prog.py"
    text = SOURCE.replace("READ", "self.topic")
    path.write_text(text)
    before = run_program(path, method, timeout=120)
    assert (before.returncode == 0) is (method == "fork"), before.stderr
    path.write_text(fixed(text))
    after = run_program(path, method, timeout=120)
    assert after.returncode == 0 and "RESULT=0" in after.stdout and "prepared 3 events for my-topic" in after.stdout, \
        after.stderr
