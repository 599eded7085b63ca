# family: controlflow
# hazard: set-start-method-twice
# line: 35
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Shape of https://github.com/facebookresearch/SlowFast/issues/204 (`torch.multiprocessing.set_start_method("forkserver")` in tools/run_net.py raising "RuntimeError: context has already been set"). Here nothing else calls set_start_method: the startup banner logs multiprocessing.get_start_method(), which fixes the default context, and main() sets the method afterwards; it raises under every default.
"""Training launcher: print an environment banner, then start the data loaders."""
import logging
import multiprocessing
import os
import platform

log = logging.getLogger("launcher")


def environment_banner():
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "start_method": multiprocessing.get_start_method(),
    }


def load_shard(shard):
    return shard, sum(range(shard * 100))


def configure_logging(verbose=False):
    level = logging.DEBUG if verbose else logging.INFO
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def main():
    configure_logging()
    log.info("environment: %s", environment_banner())
    multiprocessing.set_start_method("forkserver")
    with multiprocessing.Pool(2) as pool:
        sizes = pool.map(load_shard, range(4))
    print("RESULT=%s" % sizes)


if __name__ == "__main__":
    main()
