# family: queue
# hazard: get-without-timeout
# line: 58
# timeout: 8
# expect: fork=error:ValueError+hang spawn=error:ValueError+hang forkserver=error:ValueError+hang
# note: https://github.com/HazyResearch/fonduer/issues/362 -- "The .apply method never ends even when all the child processes fail. This is because out_queue.get() never timeout unless a parameter timeout is specified": UDF processes take documents from in_queue and put results on out_queue; when every UDF raises, the parent waits in out_queue.get() forever
import multiprocessing
from queue import Empty

QUEUE_TIMEOUT = 1


class UDF(multiprocessing.Process):
    def __init__(self, in_queue, out_queue, extractor):
        super().__init__()
        self.in_queue = in_queue
        self.out_queue = out_queue
        self.extractor = extractor

    def run(self):
        while True:
            try:
                doc = self.in_queue.get(timeout=QUEUE_TIMEOUT)
            except Empty:
                break
            self.out_queue.put(self.extractor(doc))


def textual_features(doc):
    # "if True:" in the report: every document makes the feature extractor fail
    if doc["sentences"] >= 0:
        raise ValueError("no span in document %s" % doc["name"])
    return doc["name"], doc["sentences"] * 3


class UDFRunner:
    def __init__(self, extractor, parallelism=2):
        self.extractor = extractor
        self.parallelism = parallelism
        self.features = {}

    def apply(self, docs):
        in_queue = multiprocessing.Queue()
        out_queue = multiprocessing.Queue()
        for doc in docs:
            in_queue.put(doc)
        workers = [UDF(in_queue, out_queue, self.extractor) for _ in range(self.parallelism)]
        for w in workers:
            w.start()
        self._collect(out_queue, len(docs))
        for w in workers:
            w.join()
        return self.features

    def _collect(self, out_queue, total):
        count = 0
        while count < total:
            name, value = out_queue.get()
            self.features[name] = value
            count += 1


def main():
    docs = [{"name": "doc%d" % i, "sentences": i + 1} for i in range(4)]
    features = UDFRunner(textual_features).apply(docs)
    print("RESULT=%d" % len(features))


if __name__ == "__main__":
    main()
