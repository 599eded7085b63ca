# family: args
# hazard: none
# line: none
# files: l5kit/templates.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/PrefectHQ/prefect/pull/710 -- the pickleable form of the task: it keeps the template source and a jinja2.Environment (which pickles) and compiles in the worker.
from pebble import ProcessPool

from l5kit.templates import SourceTemplateTask

ROWS = {"north": [1, 2, 3], "south": [4, 5], "east": [6]}


def render_report(task, name, rows):
    return task.run(name=name, rows=rows)


def render_all(task):
    reports = []
    with ProcessPool(max_workers=2) as pool:
        futures = [pool.schedule(render_report, args=(task, name, rows))
                   for name, rows in ROWS.items()]
        for future in futures:
            reports.append(future.result())
    return reports


if __name__ == "__main__":
    task = SourceTemplateTask()
    print("RESULT=%d" % len(render_all(task)))
