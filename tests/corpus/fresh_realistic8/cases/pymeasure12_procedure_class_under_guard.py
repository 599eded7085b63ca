# family: args
# hazard: class-not-importable-in-child
# line: 37 53
# expect: fork=ok spawn=attribute_error_mp_main forkserver=attribute_error_mp_main
# note: https://github.com/pymeasure/pymeasure/issues/12 -- "AttributeError: Can't get attribute 'TestProcedure' on <module '__main__'>" on Windows: the example script defines its Procedure subclass where the spawned worker's re-import of the main module does not run it, and the worker unpickles the procedure by name; reduced to an experiment script whose procedure class is defined inside the main block and handed to a Worker process
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
    class TestProcedure(Procedure):
        parameters = ("iterations", "delay")

        def execute(self, emit):
            for i in range(self.iterations):
                emit({"iteration": i, "value": i * i})

    rows = run_experiment(TestProcedure(iterations=3, delay=0.01))
    print(len(rows), "rows")
    sys.exit(0)
