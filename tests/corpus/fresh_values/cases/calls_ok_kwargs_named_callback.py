# family: calls
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of the **options launcher (https://github.com/gridsingularity/gsy-e/pull/1469 moved the callback to a non-local scope): the progress callback is a module-level function, so every forwarded keyword pickles.
"""Run an export job in a background process with optional progress reporting."""
import multiprocessing


def export_rows(table, limit, on_progress=None, label="export"):
    done = 0
    for _ in range(limit):
        done += 1
        if on_progress is not None and done % 2 == 0:
            on_progress(done)
    print(label, table, done)


def report_progress(n):
    print("orders progress", n)


def _spawn(target, name, options):
    proc = multiprocessing.Process(target=target, name=name, kwargs=options)
    proc.start()
    return proc


def launch(target, *, name="job", **options):
    return _spawn(target, name, options)


def main():
    jobs = [
        launch(export_rows, name="users", table="users", limit=4, label="users"),
        launch(export_rows, name="orders", table="orders", limit=6,
               on_progress=report_progress),
    ]
    for job in jobs:
        job.join()
        if job.exitcode != 0:
            raise SystemExit(job.exitcode)


if __name__ == "__main__":
    main()
