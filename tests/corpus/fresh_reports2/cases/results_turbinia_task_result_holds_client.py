# family: results
# hazard: unpicklable-return
# line: 43 48
# timeout: 15
# expect: fork=error:MaybeEncodingError spawn=error:MaybeEncodingError forkserver=error:MaybeEncodingError
# note: Shape of https://github.com/google/turbinia/issues/70 ("Adding errors to TurbiniaTaskResult causes it to be unpickleable": "pickle.PicklingError: Pickling client objects is explicitly not supported. Clients have non-trivial state that is local and unpickleable."): each task returns a result object that keeps the storage client it used, and the result goes back to the parent through the pool.
"""Run evidence-processing tasks in a pool and collect their results."""
import multiprocessing
import pickle
import sys


class StorageClient:
    """Like google.cloud.client.Client: refuses to be pickled."""

    def __init__(self, project):
        self.project = project

    def __getstate__(self):
        raise pickle.PicklingError("Pickling client objects is explicitly not supported.\n"
                                   "Clients have non-trivial state that is local and unpickleable.")

    def upload(self, name):
        return "gs://%s/%s" % (self.project, name)


class TurbiniaTaskResult:
    def __init__(self, task_name):
        self.task_name = task_name
        self.saved_paths = []
        self.errors = []
        self.client = None

    def save(self, client, name):
        self.client = client
        self.saved_paths.append(client.upload(name))


def run_task(evidence):
    result = TurbiniaTaskResult("PlasoTask")
    client = StorageClient("turbinia-test")
    result.save(client, evidence + ".plaso")
    return result


def main():
    with multiprocessing.Pool(2) as pool:
        results = pool.map(run_task, ["disk1.raw", "disk2.raw"])
    print("RESULT=%s" % [r.saved_paths for r in results])
    return 0


if __name__ == "__main__":
    sys.exit(main())
