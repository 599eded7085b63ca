# family: daemon
# hazard: daemon-children
# line: 24
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Reduced from https://github.com/transientskp/tkp/issues/608 (TraP with the "multiproc" distribution: timestep steps are mapped over images by a multiprocessing runner, and a step that itself parallelises over sources through the same runner fails with "timestep raised <class 'AssertionError'> exception: daemonic processes are not allowed to have children"; serial mode worked). Kept: the runner abstraction chosen from the pipeline config (serial / multiproc), the outer map over images, the inner map over extracted sources via the same runner, and the error logged per timestep.
"""Process one timestep of images with the configured distribution method."""
import logging
import multiprocessing
import sys

logger = logging.getLogger("tkp.main")

PIPELINE_CFG = {"distribution": {"method": "multiproc", "cores": 2}}


class Runner:
    def __init__(self, method, cores):
        self.method = method
        self.cores = cores

    def map(self, func, iterable):
        if self.method == "serial":
            return list(map(func, iterable))
        with multiprocessing.Pool(self.cores) as pool:
            return pool.map(func, iterable)


def get_runner():
    cfg = PIPELINE_CFG["distribution"]
    return Runner(cfg["method"], cfg["cores"])


def measure_source(source):
    return round(source * 1.5, 2)


def extract_sources(image):
    sources = [image + 0.1 * k for k in range(3)]
    # forced fits are parallelised too
    return get_runner().map(measure_source, sources)


def run_timestep(images):
    try:
        return get_runner().map(extract_sources, images)
    except Exception as exc:
        logger.error("timestep raised %s exception: %s", type(exc), exc)
        raise


def main():
    logging.basicConfig()
    fluxes = run_timestep([1, 2, 3])
    print("RESULT=%d" % len(fluxes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
