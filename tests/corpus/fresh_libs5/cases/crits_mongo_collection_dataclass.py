# family: args
# hazard: unpicklable-argument
# line: 28
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/crits/crits/pull/983 -- "Multiprocessing requires separate pymongo Client instances": services run in a process pool got the shared connection; a pymongo Collection (its client's locks) inside a dataclass given to `pool.map` fails to pickle even before any connection is made.
from dataclasses import dataclass
from multiprocessing import Pool

from pymongo import MongoClient
from pymongo.collection import Collection


@dataclass
class ServiceJob:
    sample_id: str
    collection: Collection


def run_service(job):
    return job.sample_id.upper(), job.collection.name


def schedule(sample_ids):
    client = MongoClient("mongodb://localhost:27017", connect=False)
    samples = client["crits"]["sample"]
    jobs = [ServiceJob(sample_id, samples) for sample_id in sample_ids]
    with Pool(2) as pool:
        results = pool.map(run_service, jobs)
    client.close()
    return results


if __name__ == "__main__":
    print("RESULT=%d" % len(schedule(["a1", "b2", "c3"])))
