# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pymeasure/pymeasure/issues/12 -- the working layout: the Procedure subclass is defined at module level of the script, so the spawned Worker finds TestProcedure on the re-imported main module when it unpickles the procedure
import multiprocessing
import sys


class Procedure:
    """Base class of a measurement: parameters in, rows out."""

    parameters = ()

    def __init__(self, **values):
        for name in self.parameters:
            setattr(self, name, values.get(name))

    def execute(self, emit):
        raise NotImplementedError


class TestProcedure(Procedure):
    parameters = ("iterations", "delay")

    def execute(self, emit):
        for i in range(self.iterations):
            emit({"iteration": i, "value": i * i})


class Worker(multiprocessing.Process):
    def __init__(self, procedure, results):
        super().__init__()
        self.procedure = procedure
        self.results = results

    def run(self):
        self.procedure.execute(self.results.put)
        self.results.put(None)


def run_experiment(procedure):
    results = multiprocessing.Queue()
    worker = Worker(procedure, results)
    worker.start()
    rows = []
    for row in iter(lambda: results.get(timeout=4), None):
        rows.append(row)
    worker.join(5)
    return rows


if __name__ == "__main__":
    rows = run_experiment(TestProcedure(iterations=3, delay=0.01))
    print(len(rows), "rows")
    sys.exit(0)
