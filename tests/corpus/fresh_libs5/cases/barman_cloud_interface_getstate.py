# family: callable
# hazard: none
# line: none
# files: l5kit/cloud.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/EnterpriseDB/barman/pull/361 -- "Avoid pickling boto3 client in S3CloudInterface": __getstate__ leaves the boto3 resource out, so upload workers started as Processes on a bound method of the interface pickle under spawn (Python >= 3.8 on macOS).
import multiprocessing

from l5kit.cloud import S3CloudInterface


class Uploader:
    def __init__(self, interface, queue):
        self.interface = interface
        self.queue = queue

    def worker(self, names):
        for name in names:
            self.queue.put(self.interface.object_key(name))


def upload(interface, names, workers=2):
    queue = multiprocessing.Queue()
    uploader = Uploader(interface, queue)
    procs = [multiprocessing.Process(target=uploader.worker, args=(names[i::workers],))
             for i in range(workers)]
    for proc in procs:
        proc.start()
    keys = [queue.get(timeout=30) for _ in names]
    for proc in procs:
        proc.join()
    return sorted(keys)


if __name__ == "__main__":
    interface = S3CloudInterface("backups")
    print("RESULT=%d" % len(upload(interface, ["base.tar", "wal1", "wal2", "wal3"])))
