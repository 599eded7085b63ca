# family: args
# hazard: unpicklable-library-client-in-process-object
# line: 55
# files: l27kit/__init__.py l27kit/broker.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/tastyware/tastytrade/issues/196 -- "Pickling session results in TypeError: cannot pickle '_thread.RLock' object": since version 8 the SDK's Session holds an httpx client, so a session handed to other processes no longer pickles; here each account's quote worker is a Process subclass keeping the session on self, which a forked child inherits but a spawned or forkserver child must unpickle
"""Poll quotes for several watchlists, one worker process per watchlist, and print the marks."""
import argparse
import multiprocessing as mp
from dataclasses import dataclass

from l27kit.broker import Session

WATCHLISTS = {"index": ["SPY", "QQQ"], "small": ["IWM"], "bonds": ["TLT", "SPY"]}


@dataclass
class PollerConfig:
    login: str
    password: str
    rounds: int = 2


class QuoteWorker(mp.Process):
    def __init__(self, name, session, symbols, rounds, results):
        super().__init__(name=f"quotes-{name}")
        self.watchlist = name
        self.session = session
        self.symbols = symbols
        self.rounds = rounds
        self.results = results

    def run(self):
        marks = {}
        for _ in range(self.rounds):
            for symbol in self.symbols:
                marks[symbol] = self.session.get_quote(symbol)
        self.results.put((self.watchlist, marks))


def collect(results, count):
    return dict(results.get(timeout=30) for _ in range(count))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--login", default="demo")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    config = PollerConfig(login=args.login, password="secret", rounds=args.rounds)
    session = Session(config.login, config.password, is_test=True)
    results = mp.Queue()
    workers = [QuoteWorker(name, session, symbols, config.rounds, results) for name, symbols in WATCHLISTS.items()]
    for worker in workers:
        worker.start()
    marks = collect(results, len(workers))
    for worker in workers:
        worker.join()
    for name in sorted(marks):
        print(name, marks[name])
    print(f"RESULT={sum(len(m) for m in marks.values())}")


if __name__ == "__main__":
    main()
