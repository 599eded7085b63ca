# family: queue
# hazard: queue-join-deadlock
# line: 34
# timeout: 6
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: https://github.com/jonatanjacobsson/ifcpipeline/pull/28 (the same proc.join()-before-drain pattern in five workers: a 262 KB report hangs the job); here each validation worker puts its report dict on a result queue and the runner joins every worker before reading
import multiprocessing
import sys


def validate_model(model_id, rules, results):
    report = {
        "model": model_id,
        "checks": [{"rule": r, "element": "IfcWall_%05d" % i, "ok": i % 7 != 0} for r in rules for i in range(400)],
    }
    results.put(report)


class ValidationRunner:
    def __init__(self, models, rules):
        self.models = models
        self.rules = rules
        self.results = multiprocessing.Queue()
        self.workers = []

    def start(self):
        for model_id in self.models:
            proc = multiprocessing.Process(target=validate_model, args=(model_id, self.rules, self.results))
            proc.start()
            self.workers.append(proc)

    def collect(self):
        for proc in self.workers:
            proc.join()
        return [self.results.get() for _ in self.workers]


def main():
    runner = ValidationRunner(["tower-a", "tower-b"], ["fire-rating", "load-bearing", "material"])
    runner.start()
    reports = runner.collect()
    failed = sum(1 for rep in reports for c in rep["checks"] if not c["ok"])
    print("RESULT=%d" % failed)


if __name__ == "__main__":
    main()
