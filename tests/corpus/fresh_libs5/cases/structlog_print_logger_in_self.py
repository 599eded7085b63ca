# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/hynek/structlog/issues/301 -- the reporter's program as such: the default processors and a PrintLogger (here on stderr); structlog fixed pickling after 20.2.0, so the objects holding bound loggers cross the Pool.
import sys
import uuid
from multiprocessing import Pool

import structlog

structlog.configure(logger_factory=structlog.PrintLoggerFactory(sys.stderr))


class Someclass:
    def __init__(self):
        self.log = structlog.get_logger(self.__class__.__name__).bind(service="someservice")

    def example(self):
        log = self.log.bind(func_call_id=str(uuid.uuid4()))
        log.msg("example message")
        return 1


def func_call(obj):
    return obj.example()


if __name__ == "__main__":
    obj = Someclass()
    with Pool(processes=2) as pool:
        done = pool.map(func_call, [obj] * 2)
    print("RESULT=%d" % sum(done))
