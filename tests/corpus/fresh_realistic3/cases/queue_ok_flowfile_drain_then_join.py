# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Edwardvaneechoud/Flowfile/pull/564 (the fix: drain the result queue before joining); same validation runner, collect() reads one report per worker and then joins
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
        reports = [self.results.get(timeout=30) for _ in self.workers]
        for proc in self.workers:
            proc.join()
        return reports


def main():
    runner = ValidationRunner(["tower-a", "tower-b"], ["fire-rating", "load-bearing", "material"])
    runner.start()
    reports = runner.collect()
    failed = sum(1 for rep in reports for c in rep["checks"] if not c["ok"])
    print("RESULT=%d" % failed)
    if failed != 2 * 3 * 58:
        sys.exit(3)


if __name__ == "__main__":
    main()
