# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the ETL loader calling r4kit.runtime.configure() from both main() and Loader.__init__; it only sets the method when none is set and returns a context.
import multiprocessing as mp
from dataclasses import dataclass

from r4kit.runtime import configure


@dataclass
class LoadConfig:
    table: str
    start_method: str = "spawn"


def load_chunk(n):
    return n + 1


class Loader:
    def __init__(self, cfg):
        self.cfg = cfg
        self.ctx = configure(cfg.start_method)

    def run(self):
        with self.ctx.Pool(2) as pool:
            return pool.map(load_chunk, range(4))


def main():
    cfg = LoadConfig(table="orders")
    configure(cfg.start_method)
    print("RESULT=%d" % sum(Loader(cfg).run()))


if __name__ == "__main__":
    main()
