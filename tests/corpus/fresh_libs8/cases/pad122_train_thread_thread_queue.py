# family: threads
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/AICoE/prometheus-anomaly-detector/issues/122 -- the reporter's workaround: a normal queue.Queue with the training job on a thread instead of a process, so nothing is pickled and the serving loop receives every predictor
"""Train anomaly predictors in the background and hand them to the serving loop."""
import queue
import sys
import threading
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
    trainer = threading.Thread(target=train_model, args=(metrics, predictor_queue), daemon=True)
    trainer.start()
    models = serve(predictor_queue, len(metrics))
    trainer.join(timeout=5)
    print("RESULT=%d" % len(models))
    return 0 if len(models) == len(metrics) else 3


if __name__ == "__main__":
    sys.exit(main())
