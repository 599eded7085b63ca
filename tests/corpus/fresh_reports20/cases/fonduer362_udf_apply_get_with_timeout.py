# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/HazyResearch/fonduer/issues/362 -- the fix that closed it: the UDF reports a failed document on out_queue instead of dying, and the parent reads out_queue with a timeout and stops waiting once no UDF process is alive (as snorkel-extraction monitors its live children)
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
            try:
                self.out_queue.put(self.extractor(doc))
            except Exception as exc:
                self.out_queue.put((doc["name"], "error: %s" % exc))


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
        self._collect(out_queue, len(docs), workers)
        for w in workers:
            w.join()
        return self.features

    def _collect(self, out_queue, total, workers):
        count = 0
        while count < total:
            try:
                name, value = out_queue.get(timeout=QUEUE_TIMEOUT)
            except Empty:
                if not any(w.is_alive() for w in workers):
                    break
                continue
            self.features[name] = value
            count += 1


def main():
    docs = [{"name": "doc%d" % i, "sentences": i + 1} for i in range(4)]
    features = UDFRunner(textual_features).apply(docs)
    failed = sum(1 for v in features.values() if str(v).startswith("error"))
    print("RESULT=%d/%d" % (len(features) - failed, len(features)))


if __name__ == "__main__":
    main()
