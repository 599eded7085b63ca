# family: dataclass
# hazard: unpicklable-argument
# line: 34
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: A dataclass export job whose `formatter` field defaults to a lambda is passed as a Process argument; the default is never overridden, so spawn/forkserver must pickle the lambda held by the instance. Modelled on https://github.com/tensorpack/tensorpack/issues/1195 (objects holding lambdas can't be pickled for worker processes).
"""Export metric series to CSV-like text in child processes."""
import multiprocessing
from dataclasses import dataclass, field
from typing import Callable, List


@dataclass
class ExportJob:
    name: str
    values: List[float] = field(default_factory=list)
    separator: str = ","
    formatter: Callable[[float], str] = lambda v: f"{v:.2f}"

    def render(self):
        return self.name + self.separator + self.separator.join(
            self.formatter(v) for v in self.values)


def export(job, out):
    out.put(job.render())


def main():
    jobs = [
        ExportJob("latency_ms", [12.5, 13.25, 11.0]),
        ExportJob("error_rate", [0.01, 0.0, 0.02], separator=";"),
    ]
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=export, args=(job, out)) for job in jobs]
    for proc in procs:
        proc.start()
    lines = sorted(out.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
