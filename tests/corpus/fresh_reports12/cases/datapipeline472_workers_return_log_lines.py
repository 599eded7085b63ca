# family: threads
# hazard: none
# line: none
# files: r12kit/pipelog.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 8
# note: https://github.com/opentargets-archive/data_pipeline/pull/472 -- the fix, "disable logging in children": the workers no longer log; each returns its message with its result and the parent writes them to the sink, so no child ever takes the sink lock the heartbeat thread may hold at the fork
import multiprocessing
import sys

from r12kit import pipelog


class EvidenceStep:
    """One pipeline step: score evidence strings in a process pool; only the parent logs."""

    def __init__(self, workers=2, sink=pipelog.SINK):
        self.workers = workers
        self.sink = sink

    @staticmethod
    def score(evidence):
        return len(evidence) % 7, f"scoring {evidence}"

    def run(self, evidence):
        self.sink.holding.wait(5)
        with multiprocessing.Pool(self.workers) as pool:
            results = pool.map(self.score, evidence)
        for _, message in results:
            self.sink.emit(message)
        self.sink.emit(f"scored {len(results)} evidence strings")
        return [score for score, _ in results]


def main():
    pipelog.start_heartbeat()
    step = EvidenceStep()
    evidence = [f"ENSG{i:05d}-EFO_{i * 7:04d}" for i in range(8)]
    scores = step.run(evidence)
    print(f"RESULT={sum(scores)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
