# family: returns
# hazard: unpicklable-return
# line: 20
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/truenas/middleware/pull/2819 ("fix(middlewared/worker): evaluate generators as they cant be pickled": a worker method's generator result could not be sent back) and https://github.com/Nanguage/executor-engine/issues/3 ("Running generator as job raises pickle error"). The sensor job returns a lazily filtered generator expression inside its result tuple; Pool.imap cannot send it back under any start method ("cannot pickle 'generator' object").
"""Find out-of-range sensor readings, one sensor per pool task."""
import multiprocessing
import statistics

READINGS = {
    "boiler": [61.0, 64.5, 90.2, 63.3],
    "intake": [12.1, 11.8, 35.0, 12.4],
    "exhaust": [150.0, 149.5, 151.2],
}


def outliers(item, factor=1.2):
    name, values = item
    threshold = statistics.median(values) * factor
    return name, (value for value in values if value > threshold)


def scan(readings, processes=2):
    report = {}
    with multiprocessing.Pool(processes) as pool:
        for name, high in pool.imap(outliers, sorted(readings.items())):
            report[name] = list(high)
    return report


def load_readings(path=None):
    if path is None:
        return {name: list(values) for name, values in READINGS.items()}
    raise NotImplementedError("reading the historian export is not wired up yet")


def main():
    report = scan(load_readings())
    for name, values in sorted(report.items()):
        print(f"{name:<8} {values}")
    print("RESULT=%s" % sorted((k, len(v)) for k, v in report.items()))


if __name__ == "__main__":
    main()
