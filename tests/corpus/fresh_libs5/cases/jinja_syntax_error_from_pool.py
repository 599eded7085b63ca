# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pallets/jinja/issues/1129 -- "jinja2.exceptions.TemplateSyntaxError can't be unpickled" (missing `lineno` on re-creation) made multiprocessing hide the real error; jinja 3 pickles it, so the parent catches the worker's TemplateSyntaxError itself.
import multiprocessing

import jinja2

TEMPLATES = ["Hello {{ name }}", "Broken {{ name ", "Bye {{ name }}"]


def render(source):
    return jinja2.Template(source).render(name="world")


def render_all(sources):
    rendered, failures = [], 0
    with multiprocessing.Pool(2) as pool:
        pending = [pool.apply_async(render, (source,)) for source in sources]
        for job in pending:
            try:
                rendered.append(job.get(timeout=30))
            except jinja2.TemplateSyntaxError as exc:
                failures += 1
                print("template error at line %d" % exc.lineno)
    return rendered, failures


if __name__ == "__main__":
    rendered, failures = render_all(TEMPLATES)
    print("RESULT=%d/%d" % (len(rendered), failures))
