# family: start_method
# hazard: set-start-method-misuse
# line: 13
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: contrastive-meta-learning's fewshot commands hit "context has already been set": the runner configured the start method and the experiment setup configured it again (https://github.com/smonsays/contrastive-meta-learning/issues/2)
import argparse
import multiprocessing

DEFAULTS = {"start_method": "spawn", "workers": 2}


def configure_multiprocessing(config):
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
