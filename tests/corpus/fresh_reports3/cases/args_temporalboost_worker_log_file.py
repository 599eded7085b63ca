# family: args
# hazard: unpicklable-argument
# line: 45 47
# timeout: 15
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/northpowered/temporal-boost/issues/24 ("TypeError: cannot pickle 'TextIOWrapper' instances" from popen_spawn_posix on macOS, Python 3.12): the app registers its workers and runs each one in its own process; the worker objects keep the logger's open stream, so under spawn the worker passed as an argument cannot be pickled. Reduced: the Temporal client is a class that records activities.
"""Run every registered Temporal worker in its own process."""
import multiprocessing
import os
import tempfile


class BoostLogger:
    def __init__(self, path):
        self.stream = open(path, "a")

    def info(self, msg):
        self.stream.write(msg + "\n")
        self.stream.flush()


class BoostWorker:
    def __init__(self, name, activities, logger):
        self.name = name
        self.activities = activities
        self.logger = logger

    def run(self):
        return ["%s:%s" % (self.name, a) for a in self.activities]


def run_worker(worker):
    worker.run()


class BoostApp:
    def __init__(self, log_path):
        self.logger = BoostLogger(log_path)
        self.workers = []

    def add_worker(self, name, activities):
        self.workers.append(BoostWorker(name, activities, self.logger))

    def run(self):
        procs = [multiprocessing.Process(target=run_worker, args=(w,)) for w in self.workers]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        return [p.exitcode for p in procs]


if __name__ == "__main__":
    app = BoostApp(os.path.join(tempfile.gettempdir(), "boost.log"))
    app.add_worker("worker_1", ["charge", "refund"])
    app.add_worker("worker_2", ["notify"])
    print("RESULT=%s" % app.run())
