# family: conditions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss in the shape of the Open-MSS/MSS fixtures (https://github.com/Open-MSS/MSS/pull/2166: skip "if 'fork' not in multiprocessing.get_all_start_methods()") and the context choice named in issue 12: the code reads the current start method and switches to fork whenever the default is spawn or forkserver, on platforms that have fork. The nested target therefore always runs in a forked child.
"""Render report pages in child processes that share the parent's loaded templates."""
import multiprocessing
import sys


def choose_context():
    method = multiprocessing.get_start_method()
    if method in ("spawn", "forkserver") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context(method)


def load_templates():
    return {"title": "<h1>{}</h1>", "row": "<li>{}</li>"}


def render_all(pages):
    templates = load_templates()

    def render(page, out):
        body = [templates["title"].format(page["title"])]
        body += [templates["row"].format(item) for item in page["items"]]
        out.put((page["title"], len("".join(body))))

    ctx = choose_context()
    out = ctx.Queue()
    procs = [ctx.Process(target=render, args=(page, out)) for page in pages]
    for proc in procs:
        proc.start()
    sizes = dict(out.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join(5)
    return sizes


if __name__ == "__main__":
    if sys.platform == "win32":
        raise SystemExit("reports are rendered on the Linux build hosts only")
    pages = [{"title": "Q1", "items": ["a", "b"]}, {"title": "Q2", "items": ["c"]}]
    print("RESULT=%s" % sorted(render_all(pages).items()))
