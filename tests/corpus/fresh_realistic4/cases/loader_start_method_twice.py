# family: start_method
# hazard: set-start-method-misuse
# line: 23
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: an ETL CLI whose main() sets the start method and whose Loader class, built from the job config, sets it again in __init__.
import multiprocessing as mp
from dataclasses import dataclass


@dataclass
class LoadConfig:
    table: str
    start_method: str = "spawn"


def load_chunk(n):
    return n + 1


class Loader:
    def __init__(self, cfg):
        self.cfg = cfg
        mp.set_start_method(cfg.start_method)

    def run(self):
        with mp.Pool(2) as pool:
            return pool.map(load_chunk, range(4))


def main():
    cfg = LoadConfig(table="orders")
    mp.set_start_method(cfg.start_method)
    print("RESULT=%d" % sum(Loader(cfg).run()))


if __name__ == "__main__":
    main()
