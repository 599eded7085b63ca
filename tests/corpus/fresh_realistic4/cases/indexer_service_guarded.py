# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the indexing service started from main() under the main guard.
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


def main():
    service = IndexService(ServiceConfig())
    print("RESULT=%d" % service.run())


if __name__ == "__main__":
    main()
