"""An explicit fork context while a watcher thread runs: every platform with fork, every version."""
import multiprocessing
import threading
import time


def watch():
    time.sleep(1.0)


def work():
    print("child ran")


if __name__ == "__main__":
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    ctx = multiprocessing.get_context("fork")
    p = ctx.Process(target=work)
    p.start()  # MP423
    p.join()
    print("RESULT=" + str(p.exitcode))
