# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the shape of the TraP fix: the runner inside a timestep falls back to serial when the current process is daemonic (https://github.com/transientskp/tkp/issues/608)
import multiprocessing

PIPELINE_CFG = {"parallelise": {"method": "multiproc", "cores": 2}}


def extract_sources(image):
    return [image * 10 + i for i in range(3)]


class Runner:
    def __init__(self, cfg):
        self.method = cfg["parallelise"]["method"]
        self.cores = cfg["parallelise"]["cores"]
        if multiprocessing.current_process().daemon:
            self.method = "serial"

    def map(self, func, items):
        if self.method == "serial":
            return [func(item) for item in items]
        pool = multiprocessing.Pool(self.cores)
        try:
            return pool.map(func, items)
        finally:
            pool.close()
            pool.join()


def timestep(images):
    runner = Runner(PIPELINE_CFG)
    return runner.map(extract_sources, images)


def run_pipeline(grouped_images):
    outer = Runner(PIPELINE_CFG)
    return outer.map(timestep, grouped_images)


if __name__ == "__main__":
    print("RESULT=%s" % run_pipeline([[1, 2], [3, 4]]))
