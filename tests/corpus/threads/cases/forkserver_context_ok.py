"""Near miss: a thread runs, but the children are forked by the single-threaded forkserver."""
import multiprocessing
import threading
import time


def monitor():
    time.sleep(1.0)


def work():
    print("child ran")


if __name__ == "__main__":
    threading.Thread(target=monitor, daemon=True).start()
    ctx = multiprocessing.get_context("forkserver")
    p = ctx.Process(target=work)
    p.start()
    p.join()
    print("RESULT=" + str(p.exitcode))
