# family: args
# hazard: unpicklable-argument
# line: 24
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: botocore #636 (https://github.com/boto/botocore/issues/636): a kinesis client is made in the parent and passed to sub-processes; "Can't pickle <class 'botocore.client.Kinesis'>" at p.start() once the process is spawned, fine with fork.
import multiprocessing
from multiprocessing import Process

import boto3


def make_client(service, region="us-east-1"):
    return boto3.client(service, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")


def put_records(client, records, done):
    done.put(f"{client.meta.region_name}:{len(records)}")


if __name__ == "__main__":
    client = make_client("kinesis")
    records = [{"Data": b"x", "PartitionKey": str(i)} for i in range(3)]
    done = multiprocessing.Queue()
    p = Process(target=put_records, args=(client, records, done))
    p.start()
    print("RESULT=" + done.get(timeout=15))
    p.join()
