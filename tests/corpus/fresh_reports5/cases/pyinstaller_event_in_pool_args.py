# family: args
# hazard: unpicklable-argument
# line: 29
# expect: fork=inheritance_only_error spawn=inheritance_only_error forkserver=inheritance_only_error
# note: pyinstaller #2138: a multiprocessing.Event handed to workers as an argument failed to pickle; an Event may only reach a child through inheritance (Process args), never through a Pool's task queue (https://github.com/pyinstaller/pyinstaller/issues/2138)
import multiprocessing
import time


class Camera:
    def __init__(self, name):
        self.name = name
        self.stop_event = multiprocessing.Event()

    def frames(self):
        return [(self.name, i, self.stop_event) for i in range(3)]


def grab(name, index, stop_event):
    if stop_event.is_set():
        return None
    time.sleep(0.01)
    return "%s:%d" % (name, index)


if __name__ == "__main__":
    camera = Camera("linecam")
    with multiprocessing.Pool(2) as pool:
        results = [pool.apply_async(grab, frame) for frame in camera.frames()]
        print("RESULT=%s" % [r.get(timeout=10) for r in results])
