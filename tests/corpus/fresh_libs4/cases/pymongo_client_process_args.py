# family: args
# hazard: unpicklable-argument
# line: 18
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: SciDAS/nextflow-api #40 (https://github.com/SciDAS/nextflow-api/issues/40): the server's MongoClient is shared with the process that launches a workflow ("MongoClient opened before fork" under fork); under spawn/forkserver the client, even created with connect=False, cannot be pickled at all.
import multiprocessing

import pymongo


class MongoBackend:
    def __init__(self, url):
        self.url = url
        self.client = pymongo.MongoClient(url, connect=False, serverSelectionTimeoutMS=500)
        self.done = multiprocessing.Queue()

    def launch(self, workflow_id):
        proc = multiprocessing.Process(target=launch_workflow, args=(self.client, workflow_id, self.done))
        proc.start()
        return proc


def launch_workflow(client, workflow_id, done):
    done.put(f"{workflow_id}:{client.codec_options.tz_aware}")


if __name__ == "__main__":
    backend = MongoBackend("mongodb://localhost:27017/nextflow")
    proc = backend.launch("wf-1")
    print("RESULT=" + backend.done.get(timeout=15))
    proc.join()
