# family: args
# hazard: unpicklable-argument
# line: 21
# files: l5kit/templates.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/PrefectHQ/prefect/pull/710 -- "ensures the JinjaTemplateTask is pickleable": a task object holding a compiled jinja2.Template cannot be sent to process workers (the compiled `root` render function is looked up by name and not found).
from pebble import ProcessPool

from l5kit.templates import JinjaTemplateTask

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
    task = JinjaTemplateTask()
    print("RESULT=%d" % len(render_all(task)))
