# family: args
# hazard: unpicklable-argument
# line: 30
# files: l5kit/logs.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/hynek/structlog/issues/301 -- objects holding `structlog.get_logger(...).bind(...)` mapped over a multiprocessing Pool; with a WriteLogger on a log file the bound logger refuses to pickle ("Only WriteLoggers to sys.stdout and sys.stderr can be pickled").
import uuid
from multiprocessing import Pool

from l5kit.logs import file_structlog


class Someclass:
    def __init__(self):
        self.log = file_structlog(self.__class__.__name__).bind(service="someservice")

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
