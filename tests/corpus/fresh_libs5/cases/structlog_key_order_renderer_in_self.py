# family: args
# hazard: unpicklable-argument
# line: 32
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/hynek/structlog/issues/126 -- "ConsoleRenderer and TimeStamper can't be serialized ... they can't be used with multiprocessing": processors that build specialised local functions for their configuration still do; here `KeyValueRenderer(key_order=...)` makes every bound logger unpicklable ("Can't pickle local object '_items_sorter.<locals>.ordered_items'").
import uuid
from multiprocessing import Pool

import structlog

structlog.configure(processors=[structlog.processors.KeyValueRenderer(key_order=["event", "service"],
                                                                      drop_missing=True)])


class Someclass:
    def __init__(self):
        self.log = structlog.get_logger(self.__class__.__name__).bind(service="someservice")

    def example(self):
        log = self.log.bind(func_call_id=str(uuid.uuid4()))
        log.msg("example message", service="someservice")
        return 1


def func_call(obj):
    return obj.example()


if __name__ == "__main__":
    obj = Someclass()
    with Pool(processes=2) as pool:
        done = pool.map(func_call, [obj] * 2)
    print("RESULT=%d" % sum(done))
