"""A daemon heartbeat thread, started by a helper, still runs when the Pool forks its workers.
Shape of https://github.com/ray-project/ray/issues/24917 and https://github.com/NVIDIA/garak/issues/750:
a background thread (there: gRPC's, a tokenizer's) alive in the parent at the fork."""
import multiprocessing
import threading
import time

BEATS = []


def heartbeat():
    while True:
        BEATS.append(time.time())
        time.sleep(0.05)


def start_heartbeat():
    threading.Thread(target=heartbeat, daemon=True).start()


def square(x):
    return x * x


if __name__ == "__main__":
    start_heartbeat()
    time.sleep(0.1)
    with multiprocessing.Pool(2) as pool:  # MP423
        print("RESULT=" + str(sum(pool.map(square, range(10)))))
