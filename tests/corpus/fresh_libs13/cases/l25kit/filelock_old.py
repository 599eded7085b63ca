"""filelock 3.10.0-like lock: its Timeout keeps the path but not in the exception's args."""
import os
import time


class Timeout(TimeoutError):
    def __init__(self, lock_file):
        super().__init__()
        self.lock_file = lock_file

    def __str__(self):
        return f"The file lock '{self.lock_file}' could not be acquired."


class FileLock:
    def __init__(self, lock_file, timeout=-1.0):
        self.lock_file = lock_file
        self.timeout = timeout
        self._fd = None

    def acquire(self):
        start = time.monotonic()
        while True:
            try:
                self._fd = os.open(self.lock_file, os.O_CREAT | os.O_EXCL | os.O_RDWR)
                return self
            except FileExistsError:
                if 0 <= self.timeout < time.monotonic() - start:
                    raise Timeout(self.lock_file) from None
                time.sleep(0.02)

    def release(self):
        if self._fd is not None:
            os.close(self._fd)
            os.unlink(self.lock_file)
            self._fd = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()
