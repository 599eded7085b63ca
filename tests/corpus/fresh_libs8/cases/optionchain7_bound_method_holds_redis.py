# family: args
# hazard: unpicklable-argument
# line: 26
# files: l8kit/redis_instrument.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/ranjanrak/optionchainstream/pull/7 -- "Fixed the TypeError: cannot pickle '_thread.lock' object issue" by turning redis_instrument.py's class into a singleton: the instrument object kept a redis.StrictRedis client and its bound method went to a multiprocessing pool; this program streams option-chain ticks through Pool.map(self.instrument.store_option_data, ...)
"""Store option-chain ticks in redis from a pool of worker processes."""
import sys
from multiprocessing import Pool

from l8kit.redis_instrument import RedisInstrument

TICKS = [
    {"symbol": "NIFTY23DEC%dCE" % strike, "ltp": 100.0 + strike / 100.0}
    for strike in (19500, 19600, 19700, 19800)
]


class InstrumentFile:
    def __init__(self, instrument, processes=2):
        self.instrument = instrument
        self.processes = processes

    def stream(self, ticks):
        with Pool(self.processes) as pool:
            return pool.map(self.instrument.store_option_data, ticks)


def main():
    feed = InstrumentFile(RedisInstrument(host="localhost", port=6379))
    queued = feed.stream(TICKS)
    print("RESULT=%d" % sum(queued))
    return 0 if sum(queued) == 2 * len(TICKS) else 3


if __name__ == "__main__":
    sys.exit(main())
