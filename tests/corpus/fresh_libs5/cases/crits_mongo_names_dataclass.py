# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/crits/crits/pull/983 -- the PR's rule: each process makes its own pymongo client; the job dataclass carries the URI and collection name and the worker connects lazily (connect=False).
from dataclasses import dataclass
from multiprocessing import Pool

from pymongo import MongoClient


@dataclass
class ServiceJob:
    sample_id: str
    mongo_uri: str
    collection_name: str


def run_service(job):
    client = MongoClient(job.mongo_uri, connect=False)
    collection = client["crits"][job.collection_name]
    name = collection.name
    client.close()
    return job.sample_id.upper(), name


def schedule(sample_ids):
    jobs = [ServiceJob(sample_id, "mongodb://localhost:27017", "sample") for sample_id in sample_ids]
    with Pool(2) as pool:
        return pool.map(run_service, jobs)


if __name__ == "__main__":
    print("RESULT=%d" % len(schedule(["a1", "b2", "c3"])))
