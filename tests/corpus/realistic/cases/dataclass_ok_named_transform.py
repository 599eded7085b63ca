# family: dataclass
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of dataclass_default_lambda_field: the dataclass keeps the NAME of its formatter and a default_factory list; the child resolves the name in a module-level table, so the instance holds only plain data. Modelled on https://github.com/powerapi-ng/smartwatts-formula/pull/22 (avoid lambdas in objects sent to workers).
"""Export metric series to CSV-like text in child processes."""
import multiprocessing
from dataclasses import dataclass, field
from typing import List


def two_decimals(v):
    return f"{v:.2f}"


def percent(v):
    return f"{v * 100:.1f}%"


FORMATTERS = {"two_decimals": two_decimals, "percent": percent}


@dataclass
class ExportJob:
    name: str
    values: List[float] = field(default_factory=list)
    separator: str = ","
    formatter: str = "two_decimals"

    def render(self):
        fmt = FORMATTERS[self.formatter]
        return self.name + self.separator + self.separator.join(fmt(v) for v in self.values)


def export(job, out):
    out.put(job.render())


def main():
    jobs = [
        ExportJob("latency_ms", [12.5, 13.25, 11.0]),
        ExportJob("error_rate", [0.01, 0.0, 0.02], separator=";", formatter="percent"),
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
