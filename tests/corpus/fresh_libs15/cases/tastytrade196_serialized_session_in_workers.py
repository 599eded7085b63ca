# family: args
# hazard: none
# line: none
# files: l27kit/__init__.py l27kit/broker.py l27kit/broker_serial.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/tastyware/tastytrade/issues/196 -- near miss: the maintainer's answer in the thread, a SerializableSession: the session travels to each worker as a JSON string of its tokens and the worker rebuilds its own httpx client from it
"""Poll quotes for several watchlists, one worker process per watchlist, and print the marks."""
import argparse
import multiprocessing as mp
from dataclasses import dataclass

from l27kit.broker import Session
from l27kit.broker_serial import SerializableSession

WATCHLISTS = {"index": ["SPY", "QQQ"], "small": ["IWM"], "bonds": ["TLT", "SPY"]}


@dataclass
class PollerConfig:
    login: str
    password: str
    rounds: int = 2


class QuoteWorker(mp.Process):
    def __init__(self, name, serialized_session, symbols, rounds, results):
        super().__init__(name=f"quotes-{name}")
        self.watchlist = name
        self.serialized_session = serialized_session
        self.symbols = symbols
        self.rounds = rounds
        self.results = results

    def run(self):
        session = SerializableSession(self.serialized_session)
        marks = {}
        for _ in range(self.rounds):
            for symbol in self.symbols:
                marks[symbol] = session.get_quote(symbol)
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
    serialized = SerializableSession.serialize(session)
    results = mp.Queue()
    workers = [QuoteWorker(name, serialized, symbols, config.rounds, results) for name, symbols in WATCHLISTS.items()]
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
