# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: cloudlift PR #52 (https://github.com/GetSimpl/cloudlift/pull/52): "botocore client should not be pickled, we should pass in required parameters to create new client instead"; the Process gets a dict of client parameters and builds its ECS client in the child.
import multiprocessing
from multiprocessing import Process

import boto3


def client_params(region="us-east-1"):
    return {"service_name": "ecs", "region_name": region,
            "aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def deploy(params, services, done):
    client = boto3.client(**params)
    done.put(f"{client.meta.region_name}:{len(services)}")


if __name__ == "__main__":
    params = client_params()
    done = multiprocessing.Queue()
    p = Process(target=deploy, args=(params, ["web", "worker"], done))
    p.start()
    print("RESULT=" + done.get(timeout=15))
    p.join()
