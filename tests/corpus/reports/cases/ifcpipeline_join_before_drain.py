# family: queue
# hazard: queue-join-deadlock
# line: 28
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 6
# note: Reduced from https://github.com/jonatanjacobsson/ifcpipeline/pull/24 ("Fix ifctester spawn-isolation deadlock": _run_in_spawn_isolation starts the validation in a spawn-context child that sends its report on a multiprocessing.Queue, and the parent calls proc.join() before draining it; an 8 KB report worked, a 262 KB report hung forever). Kept: the explicit get_context("spawn") isolation helper, the ("ok", report) / ("err", message) protocol, join-then-get ordering, the report-size dependence; the IFC validation builds a ~256 KB JSON report.
"""Validate an IFC model in an isolated child process and return its JSON report."""
import json
import multiprocessing
import sys


def _validate(ifc_path, specs, result_queue):
    try:
        report = {"file": ifc_path, "specs": specs,
                  "results": [{"entity": "IfcWall", "guid": "%022d" % i, "status": "pass"}
                              for i in range(3000)]}
        result_queue.put(("ok", json.dumps(report)))
    except Exception as exc:  # pragma: no cover
        result_queue.put(("err", repr(exc)))


def _run_in_spawn_isolation(ifc_path, specs, timeout=30):
    ctx = multiprocessing.get_context("spawn")
    result_queue = ctx.Queue()
    proc = ctx.Process(target=_validate, args=(ifc_path, specs, result_queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.join()
    status, data = result_queue.get()
    if status != "ok":
        raise RuntimeError(data)
    return json.loads(data)


def main():
    report = _run_in_spawn_isolation("model.ifc", ["walls-have-fire-rating"])
    print("RESULT=%d" % len(report["results"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
