"""Near miss: a thread runs, but the processes come from a spawn context (fresh interpreters)."""
import multiprocessing
import threading
import time


def monitor():
    time.sleep(1.0)


def square(x):
    return x * x


if __name__ == "__main__":
    threading.Thread(target=monitor, daemon=True).start()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        print("RESULT=" + str(sum(pool.map(square, range(10)))))
