# family: daemon
# hazard: manager-started-on-import-in-pool-worker
# line: r15kit/pbar_queue.py:7 r15kit/pbar.py:28
# files: r15kit/pbar.py r15kit/pbar_queue.py
# timeout: 15
# expect: fork=ok spawn=daemon_children+hang forkserver=daemon_children+hang
# note: https://github.com/dubovikmaster/parallelbar/issues/4 -- "AssertionError: daemonic processes are not allowed to have children" in 2.3.1 with context='forkserver'/'spawn' on Linux: a pool worker unpickling its task imports parallelbar, whose _worker_queue.py runs "_WORKER_QUEUE = mp.Manager().Queue()" at import, so the daemonic worker tries to start the manager's server process
import argparse
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Review:
    rid: int
    text: str


POSITIVE = {"good", "great", "fine", "love"}
NEGATIVE = {"bad", "awful", "slow", "hate"}


def score_review(review):
    words = review.text.lower().split()
    return review.rid, sum(w in POSITIVE for w in words) - sum(w in NEGATIVE for w in words)


def load_reviews(n):
    samples = ["good fast great", "bad slow", "love it", "awful awful hate", "fine"]
    return [Review(i, samples[i % len(samples)]) for i in range(n)]


class ScoringJob:
    def __init__(self, workers):
        self.workers = workers

    def run(self, reviews):
        # the progress-bar package is optional, so it is imported on use
        from r15kit.pbar import progress_map
        scored, done = progress_map(score_review, reviews, n_cpu=self.workers)
        return dict(scored), done


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    scores, done = ScoringJob(args.workers).run(load_reviews(args.reviews))
    total = sum(scores.values())
    print(f"RESULT={total}:{done}")
    return 0 if (total, done) == (-2, args.reviews) else 3


if __name__ == "__main__":
    sys.exit(main())
