# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix of https://github.com/EnterpriseDB/barman/pull/1184 ("removes the use of the threading.Lock() which cannot be pickled ... Instead multiprocessing.Lock() is used"): a Process subclass keeps a multiprocessing.Lock, a multiprocessing.Value and a plain config dict on self; start() pickles them under spawn/forkserver, which multiprocessing allows for its own primitives.
"""Copy backup segments with several copier processes sharing one progress counter."""
import multiprocessing


class Copier(multiprocessing.Process):
    def __init__(self, segments, lock, copied, config):
        super().__init__()
        self.segments = segments
        self.lock = lock
        self.copied = copied
        self.config = dict(config)

    def run(self):
        for segment in self.segments:
            size = len(segment) * self.config.get("block", 1)
            with self.lock:
                self.copied.value += size


def backup(segments, workers=2, block=4):
    lock = multiprocessing.Lock()
    copied = multiprocessing.Value("i", 0, lock=False)
    shares = [segments[i::workers] for i in range(workers)]
    copiers = [Copier(share, lock, copied, {"block": block}) for share in shares]
    for copier in copiers:
        copier.start()
    for copier in copiers:
        copier.join(10)
    return copied.value


def main():
    segments = ["000000010000000A", "000000010000000B", "000000010000000C"]
    total = backup(segments)
    print("RESULT=%s" % total)
    return 0 if total == 16 * 4 * 3 else 3


if __name__ == "__main__":
    raise SystemExit(main())
