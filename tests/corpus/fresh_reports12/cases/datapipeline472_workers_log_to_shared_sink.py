# family: threads
# hazard: fork-while-thread-holds-lock
# line: 28 29
# files: r12kit/pipelog.py
# expect: fork=deadlock spawn=ok forkserver=ok
# timeout: 8
# note: https://github.com/opentargets-archive/data_pipeline/pull/472 -- "disable logging in children": logging from forked child processes could hang the pipeline (a lock held by another thread of the parent at the fork stays held in the child); here a heartbeat thread holds the pipeline log sink's lock while the step forks its pool, and every worker logs to that sink
import multiprocessing
import sys

from r12kit import pipelog


class EvidenceStep:
    """One pipeline step: score evidence strings in a process pool, logging as it goes."""

    def __init__(self, workers=2, sink=pipelog.SINK):
        self.workers = workers
        self.sink = sink

    @staticmethod
    def score(evidence):
        pipelog.SINK.emit(f"scoring {evidence}")
        return len(evidence) % 7

    def run(self, evidence):
        self.sink.holding.wait(5)
        with multiprocessing.Pool(self.workers) as pool:
            scores = pool.map(self.score, evidence)
        self.sink.emit(f"scored {len(scores)} evidence strings")
        return scores


def main():
    pipelog.start_heartbeat()
    step = EvidenceStep()
    evidence = [f"ENSG{i:05d}-EFO_{i * 7:04d}" for i in range(8)]
    scores = step.run(evidence)
    print(f"RESULT={sum(scores)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
