# family: daemon
# hazard: none
# line: none
# files: r15kit/pbar_fixed.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/dubovikmaster/parallelbar/issues/4 -- the near miss: the report says the same code works with the fork context and failed only once 2.3.1 made the worker queue at import; here the queue is made per call in the parent (a manager proxy handed to the workers by the pool initializer), so importing the package in a daemonic worker starts nothing
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
        from r15kit.pbar_fixed import progress_map
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
