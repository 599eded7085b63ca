# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/swansonk14/p_tqdm/issues/3: pathos ProcessPool with a closure over a dataclass config; dill pickles both
from dataclasses import dataclass

from pathos.multiprocessing import ProcessPool


@dataclass
class Settings:
    scale: float = 2.0
    nodes: int = 2


def build_task(settings):
    def task(x):
        return x * settings.scale

    return task


def main():
    s = Settings()
    pool = ProcessPool(nodes=s.nodes)
    try:
        out = pool.map(build_task(s), [1, 2, 3])
    finally:
        pool.close()
        pool.join()
        pool.clear()
    print("RESULT=" + ",".join(str(int(v)) for v in out))


if __name__ == "__main__":
    main()
