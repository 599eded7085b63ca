# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: SciDAS/nextflow-api #40 (https://github.com/SciDAS/nextflow-api/issues/40), its fix: "pass the url used to instantiate the mongo client, and then create a separate mongo client each time a workflow is launched"; the child makes its own MongoClient(connect=False).
import multiprocessing

import pymongo


class MongoBackend:
    def __init__(self, url):
        self.url = url
        self.client = pymongo.MongoClient(url, connect=False, serverSelectionTimeoutMS=500)
        self.done = multiprocessing.Queue()

    def launch(self, workflow_id):
        proc = multiprocessing.Process(target=launch_workflow, args=(self.url, workflow_id, self.done))
        proc.start()
        return proc


def launch_workflow(url, workflow_id, done):
    client = pymongo.MongoClient(url, connect=False, serverSelectionTimeoutMS=500)
    done.put(f"{workflow_id}:{client.codec_options.tz_aware}")
    client.close()


if __name__ == "__main__":
    backend = MongoBackend("mongodb://localhost:27017/nextflow")
    proc = backend.launch("wf-1")
    print("RESULT=" + backend.done.get(timeout=15))
    proc.join()
