# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the fix suggested for "context has already been set" (contrastive-meta-learning #2 and the threads it links): set the method only when none is set yet (https://github.com/smonsays/contrastive-meta-learning/issues/2)
import argparse
import multiprocessing

DEFAULTS = {"start_method": "spawn", "workers": 2}


def configure_multiprocessing(config):
    if multiprocessing.get_start_method(allow_none=True) is None:
        multiprocessing.set_start_method(config["start_method"])


def inner_loss(task):
    return task * 0.5


class FewshotExperiment:
    def __init__(self, config):
        self.config = config
        configure_multiprocessing(config)

    def run(self, tasks):
        with multiprocessing.Pool(self.config["workers"]) as pool:
            return pool.map(inner_loss, tasks)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=DEFAULTS["workers"])
    args = parser.parse_args(argv)
    config = dict(DEFAULTS, workers=args.workers)
    configure_multiprocessing(config)
    experiment = FewshotExperiment(config)
    print("RESULT=%s" % experiment.run([1, 2, 3]))


if __name__ == "__main__":
    main([])
