# family: calls
# hazard: unpicklable-argument
# line: 20 33
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/multiprocessing-generator/multiprocessing_generator/issues/9 and https://github.com/gridsingularity/gsy-e/pull/1469 (a local callback reaches Process through a helper): keyword options collected with **options in a launcher are forwarded as Process(kwargs=...), and one of them is a lambda progress callback written at the call site.
"""Run an export job in a background process with optional progress reporting."""
import multiprocessing


def export_rows(table, limit, on_progress=None, label="export"):
    done = 0
    for _ in range(limit):
        done += 1
        if on_progress is not None and done % 2 == 0:
            on_progress(done)
    print(label, table, done)


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
               on_progress=lambda n: print("orders progress", n)),
    ]
    for job in jobs:
        job.join()
        if job.exitcode != 0:
            raise SystemExit(job.exitcode)


if __name__ == "__main__":
    main()
