# family: args
# hazard: none
# line: none
# files: l8kit/redis_singleton.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ranjanrak/optionchainstream/pull/7 -- the PR: RedisInstrument becomes a singleton reached through a module-level function, so the pool receives only the function and the ticks and each worker process makes its own redis client on first use
"""Store option-chain ticks in redis from a pool of worker processes."""
import sys
from multiprocessing import Pool

from l8kit.redis_singleton import store

TICKS = [
    {"symbol": "NIFTY23DEC%dCE" % strike, "ltp": 100.0 + strike / 100.0}
    for strike in (19500, 19600, 19700, 19800)
]


class InstrumentFile:
    def __init__(self, processes=2):
        self.processes = processes

    def stream(self, ticks):
        with Pool(self.processes) as pool:
            return pool.map(store, ticks)


def main():
    feed = InstrumentFile()
    queued = feed.stream(TICKS)
    print("RESULT=%d" % sum(queued))
    return 0 if sum(queued) == 2 * len(TICKS) else 3


if __name__ == "__main__":
    sys.exit(main())
