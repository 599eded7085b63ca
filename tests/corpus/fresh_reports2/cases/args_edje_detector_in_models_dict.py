# family: args
# hazard: unpicklable-argument
# line: 48 16
# timeout: 15
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/EdjeElectronics/TensorFlow-Object-Detection-API-Tutorial-Train-Multiple-Objects-Windows-10/issues/588 ("TypeError: can't pickle _thread.RLock objects" at `p1.start()` in a Flask view on Windows): the inference server keeps its loaded detectors in a module-level dict and a request handler starts one process per camera, passing the camera's detector (whose session holds an RLock) as an argument.
"""Start one inference process per camera line with the camera's loaded detector."""
import multiprocessing
import sys
import threading


class Session:
    def __init__(self, graph):
        self.graph = graph
        self._lock = threading.RLock()

    def run(self, frame):
        with self._lock:
            return sum(frame) % 7


class Detector:
    def __init__(self, graph_path):
        self.graph_path = graph_path
        self.session = Session(graph_path)

    def detect(self, frame):
        return self.session.run(frame)


MODELS = {}


def load_models():
    MODELS["linecam"] = Detector("inference_graph/frozen_inference_graph.pb")
    MODELS["gatecam"] = Detector("inference_graph/gate.pb")


def camera_loop(name, detector, frames, results):
    results.put((name, [detector.detect(f) for f in frames]))


def linecam(names):
    results = multiprocessing.Queue()
    procs = []
    for name in names:
        p1 = multiprocessing.Process(target=camera_loop, args=(name, MODELS[name], [[1, 2], [3, 4]], results))
        p1.start()
        procs.append(p1)
    out = dict(results.get(timeout=10) for _ in procs)
    for p in procs:
        p.join()
    return out


if __name__ == "__main__":
    load_models()
    print("RESULT=%s" % sorted(linecam(["linecam", "gatecam"])))
    sys.exit(0)
