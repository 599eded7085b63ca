# family: threads
# hazard: fork-with-held-lock
# line: 51 52 42 r24kit/restorelog.py:18
# files: r24kit/restorelog.py
# timeout: 8
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/QubesOS/qubes-core-admin-client/pull/72 -- "When both threads and processes are used, logging module can deadlock" (backup restore): a thread reports extraction progress through a handler that holds its lock while writing to a slow pipe, the restore forks its extraction process at that moment, and the child's first log call waits for a lock no thread of the child will release
import multiprocessing
import sys

from r24kit import restorelog


class ExtractWorker:
    def __init__(self, log, vm_names, result_queue):
        self.log = log
        self.vm_names = vm_names
        self.result_queue = result_queue

    def __call__(self):
        restored = []
        for name in self.vm_names:
            self.log.info("restoring %s", name)
            restored.append(name)
        self.result_queue.put(restored)


def extract(worker):
    worker()


class BackupRestore:
    def __init__(self, vm_names):
        self.vm_names = vm_names
        self.log, self.handler = restorelog.install(delay=0.5)

    def restore_do(self):
        progress = restorelog.start_progress_thread(self.log)
        self.handler.busy.wait(5)          # the progress thread is inside emit()
        results = multiprocessing.Queue()
        worker = ExtractWorker(self.log, self.vm_names, results)
        proc = self._start_extraction(worker)
        try:
            restored = results.get(timeout=30)
        finally:
            proc.join()
            progress.join()
        return restored

    def _start_extraction(self, worker):
        proc = multiprocessing.Process(target=extract, args=(worker,))
        proc.start()
        return proc


def main():
    restored = BackupRestore(["work", "personal", "vault"]).restore_do()
    print("RESULT=%s" % ",".join(restored))
    return 0


if __name__ == "__main__":
    sys.exit(main())
