"""An sqs-workers-like job queue environment on boto3 (the shape of Doist/sqs-workers' SQSEnv and JobQueue).

There is no network here, so messages go through a local spool folder (one JSON line per message) instead of SQS;
the env still holds its boto3 SQS client and resource, as SQSEnv does."""
import json
import multiprocessing
import os
from dataclasses import dataclass, field

import boto3


@dataclass
class IdleShutdown:
    idle_seconds: float = 0.0

    def need_shutdown(self, messages_left):
        return messages_left == 0


@dataclass
class JobQueue:
    env: "SQSEnv"
    name: str
    processors: dict = field(default_factory=dict)

    def processor(self, job_name):
        def decorator(fn):
            self.processors[job_name] = fn
            return fn
        return decorator

    def _path(self, suffix):
        return os.path.join(self.env.spool_dir, f"{self.env.get_sqs_queue_name(self.name)}.{suffix}")

    def add_job(self, job_name, **job_kwargs):
        with open(self._path("jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps({"job_name": job_name, "kwargs": job_kwargs}) + "\n")

    def process_queue(self, shutdown_policy=None):
        shutdown_policy = shutdown_policy or IdleShutdown()
        with open(self._path("jsonl"), encoding="utf-8") as f:
            messages = [json.loads(line) for line in f]
        done = 0
        while messages and not shutdown_policy.need_shutdown(len(messages)):
            message = messages.pop(0)
            self.processors[message["job_name"]](**message["kwargs"])
            done += 1
        with open(self._path("done"), "w", encoding="utf-8") as f:
            f.write(str(done))
        return done

    def processed_count(self):
        with open(self._path("done"), encoding="utf-8") as f:
            return int(f.read())


@dataclass
class SQSEnv:
    session: object
    queue_prefix: str = ""
    spool_dir: str = "."
    sqs_client: object = None
    sqs_resource: object = None
    queues: dict = field(default_factory=dict)

    def __post_init__(self):
        self.sqs_client = self.session.client("sqs")
        self.sqs_resource = self.session.resource("sqs")

    def queue(self, queue_name):
        if queue_name not in self.queues:
            self.queues[queue_name] = JobQueue(env=self, name=queue_name)
        return self.queues[queue_name]

    def processor(self, queue_name, job_name):
        return self.queue(queue_name).processor(job_name)

    def get_sqs_queue_name(self, queue_name):
        return f"{self.queue_prefix}{queue_name}"

    def process_queues(self, queue_names=None, shutdown_policy_maker=IdleShutdown):
        """Use multiprocessing to process multiple queues at once."""
        queue_names = queue_names or sorted(self.queues)
        processes = []
        for queue_name in queue_names:
            queue = self.queue(queue_name)
            p = multiprocessing.Process(target=queue.process_queue,
                                        kwargs={"shutdown_policy": shutdown_policy_maker()})
            p.start()
            processes.append(p)
        for p in processes:
            p.join()


def make_session(region_name="eu-west-1"):
    return boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                 region_name=region_name)
