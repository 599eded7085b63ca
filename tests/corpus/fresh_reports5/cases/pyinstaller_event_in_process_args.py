# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the working shape in pyinstaller #2138's discussion: the Event goes to a Process through its args (inheritance), and the parent keeps it (https://github.com/pyinstaller/pyinstaller/issues/2138)
import multiprocessing
import time


class Camera:
    def __init__(self, name):
        self.name = name
        self.stop_event = multiprocessing.Event()
        self.worker = None

    def start(self):
        self.worker = multiprocessing.Process(target=grab_loop, args=(self.name, self.stop_event))
        self.worker.start()

    def stop(self):
        self.stop_event.set()
        self.worker.join(10)
        return self.worker.exitcode


def grab_loop(name, stop_event):
    count = 0
    while not stop_event.is_set() and count < 500:
        time.sleep(0.01)
        count += 1


if __name__ == "__main__":
    camera = Camera("linecam")
    camera.start()
    time.sleep(0.2)
    print("RESULT=%s" % camera.stop())
