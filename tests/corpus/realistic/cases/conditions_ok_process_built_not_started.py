# family: conditions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss: the planner builds preview Process objects with lambda targets only to show their names; execution creates fresh processes with a module-level target, so the lambda-target processes are never started (and an unstarted Process is never pickled). Modelled on https://github.com/python/cpython/issues/104356 (a Process object inspected before start(); nothing is serialised until start()).
"""Plan and execute maintenance tasks as child processes.

Usage: conditions_ok_process_built_not_started.py [--dry-run]
"""
import argparse
import multiprocessing

TASKS = {"vacuum": 3, "reindex": 5, "backup": 8}


def build_plan():
    """Preview objects: only their names and targets' defaults are displayed."""
    plan = []
    for name, minutes in sorted(TASKS.items()):
        preview = multiprocessing.Process(target=lambda m=minutes: print("running", m),
                                          name=f"task-{name}")
        plan.append((name, minutes, preview))
    return plan


def run_task(name, minutes, out):
    out.put(f"{name} done in {minutes} min")


def execute(plan):
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=run_task, args=(name, minutes, out), name=preview.name)
             for name, minutes, preview in plan]
    for proc in procs:
        proc.start()
    results = sorted(out.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join()
    return results


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    plan = build_plan()
    for name, minutes, preview in plan:
        print(f"{preview.name}: {name} (~{minutes} min)")
    if args.dry_run:
        print("dry run: nothing started")
    else:
        print(execute(plan))


if __name__ == "__main__":
    main()
