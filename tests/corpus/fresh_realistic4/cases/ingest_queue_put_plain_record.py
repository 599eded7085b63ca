# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the ingest producer's records holding only the parsed key and value; the parser keeps its lock to itself.
import multiprocessing as mp
import threading


class Parser:
    def __init__(self):
        self.lock = threading.Lock()

    def parse(self, line):
        with self.lock:
            key, value = line.split("=")
        return {"key": key, "value": value}


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
