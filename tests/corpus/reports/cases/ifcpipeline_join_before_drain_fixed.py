# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 6
# note: Fixed near miss of https://github.com/jonatanjacobsson/ifcpipeline/pull/24 (the fix reads the result queue before join(), with a deadline). Same spawn-isolation helper and ~256 KB report as the buggy case.
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
    # drain before join: the child cannot exit until its feeder thread has flushed the pipe
    status, data = result_queue.get(timeout=timeout)
    proc.join()
    if status != "ok":
        raise RuntimeError(data)
    return json.loads(data)


def main():
    report = _run_in_spawn_isolation("model.ifc", ["walls-have-fire-rating"])
    print("RESULT=%d" % len(report["results"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
