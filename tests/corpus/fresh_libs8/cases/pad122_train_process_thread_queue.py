# family: args
# hazard: thread-queue-to-process
# line: 50 51
# expect: fork=wrong_result spawn=pickling_error forkserver=pickling_error
# note: https://github.com/AICoE/prometheus-anomaly-detector/issues/122 -- "can't pickle _thread.lock objects" around the queue that carries trained predictors from the training process to the web server, and the reporter's workaround "used normal Queue instead of python MP queue but with thread not as multiprocess because normal queue cant be shared between process"; this program is the half-way state: a queue.Queue handed to the training Process (pickling error where the process is spawned; under fork the predictors land in the child's copy and never arrive)
"""Train anomaly predictors in the background and hand them to the serving loop."""
import multiprocessing as mp
import queue
import sys
from dataclasses import dataclass


@dataclass
class MetricSpec:
    name: str
    labels: tuple


class Predictor:
    def __init__(self, metric, window=5):
        self.metric = metric
        self.window = window
        self.mean = None

    def train(self, samples):
        self.mean = sum(samples[-self.window:]) / min(len(samples), self.window)
        return self


def train_model(metrics, predictor_queue):
    for spec in metrics:
        series = [float(len(spec.name) + i) for i in range(12)]
        predictor_queue.put(Predictor(spec).train(series))


def serve(predictor_queue, expected):
    models = {}
    while len(models) < expected:
        try:
            predictor = predictor_queue.get(timeout=3)
        except queue.Empty:
            break
        models[predictor.metric.name] = predictor
    return models


def main():
    metrics = [MetricSpec("up", ("job",)), MetricSpec("http_requests_total", ("code",))]
    predictor_queue = queue.Queue()
    trainer = mp.Process(target=train_model, args=(metrics, predictor_queue))
    trainer.start()
    models = serve(predictor_queue, len(metrics))
    trainer.join(timeout=5)
    print("RESULT=%d" % len(models))
    return 0 if len(models) == len(metrics) else 3


if __name__ == "__main__":
    sys.exit(main())
