# family: guard
# hazard: missing-main-guard
# line: 30
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: a small indexing service script: a config dataclass and an IndexService whose run() fans out over a ProcessPoolExecutor, started at module level without a main guard.
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass


@dataclass
class ServiceConfig:
    shards: int = 3
    workers: int = 2


def index_shard(n):
    return n * 100


class IndexService:
    def __init__(self, config):
        self.config = config

    def run(self):
        with ProcessPoolExecutor(self.config.workers) as ex:
            return sum(ex.map(index_shard, range(self.config.shards)))


service = IndexService(ServiceConfig())
print("RESULT=%d" % service.run())
