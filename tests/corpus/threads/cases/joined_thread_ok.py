"""Near miss: the loader thread is joined before the process starts."""
import multiprocessing
import threading
import time

DATA = []


def load():
    time.sleep(0.1)
    DATA.extend(range(5))


def work():
    print("child ran")


if __name__ == "__main__":
    loader = threading.Thread(target=load)
    loader.start()
    loader.join()
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
    print("RESULT=" + str(p.exitcode))
