# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/geophile/marcel/issues/4-style "the object I hand over drags its streams along": a Scorer keeps `self.log = logging.getLogger(...)` (with a StreamHandler configured on it in main) and its bound method goes to Pool.map. Loggers pickle by name (Logger.__reduce__ -> getLogger(name)), so the handler never crosses; the run works under every start method.
"""Score support tickets by urgency in a process pool.

Usage: triage.py [--workers N]
"""
import argparse
import logging
import multiprocessing
import sys

TICKETS = [
    "Site down for all customers!!",
    "Typo on pricing page",
    "Cannot log in since update, urgent",
    "Feature request: dark mode",
]
URGENT = ("down", "urgent", "cannot", "!!")


class Scorer:
    def __init__(self, weight=2):
        self.weight = weight
        self.log = logging.getLogger("triage.scorer")

    def score(self, text):
        hits = sum(word in text.lower() for word in URGENT)
        self.log.debug("scored %r", text)
        return hits * self.weight, text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    handler = logging.StreamHandler(sys.stderr)
    logging.getLogger("triage").addHandler(handler)
    scorer = Scorer()
    with multiprocessing.Pool(args.workers) as pool:
        ranked = sorted(pool.map(scorer.score, TICKETS), reverse=True)
    for points, text in ranked:
        print(points, text)


if __name__ == "__main__":
    main()
