"""A threading.Timer (a thread) is pending when a Process is started."""
import multiprocessing
import threading


def report():
    print("timer fired")


def work():
    print("child ran")


if __name__ == "__main__":
    timer = threading.Timer(1.0, report)
    timer.start()
    p = multiprocessing.Process(target=work)
    p.start()  # MP423
    p.join()
    timer.join()
    print("RESULT=" + str(p.exitcode))
