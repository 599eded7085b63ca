# family: args
# hazard: unpicklable-argument
# line: 24
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 6
# note: an ingest producer that puts parsed records into an mp.Queue; each record dict carries the parser's threading.Lock by mistake (record["guard"]); the feeder thread pickles it while the child is already exiting, so the error is only logged at debug level and the consumer waits forever.
import multiprocessing as mp
import threading


class Parser:
    def __init__(self):
        self.lock = threading.Lock()

    def parse(self, line):
        key, value = line.split("=")
        return {"key": key, "value": value, "guard": self.lock}


def produce(lines, q):
    parser = Parser()
    for line in lines:
        record = parser.parse(line)
        q.put(record)
    q.put(None)


if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=produce, args=(["a=1", "b=2"], q))
    p.start()
    got = []
    while (item := q.get()) is not None:
        got.append(item["key"])
    p.join()
    print("RESULT=" + ",".join(got))
