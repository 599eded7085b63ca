"""Render pages, one helper process per page."""
import multiprocessing


def _render_page(name, index, out):
    out.put((index, "<h1>%s</h1><p>page %d</p>" % (name, index)))


def render_pages(name, pages):
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_render_page, args=(name, i, out)) for i in range(pages)]
    for p in procs:
        p.start()
    parts = dict(out.get() for _ in procs)
    for p in procs:
        p.join()
    return "".join(parts[i] for i in sorted(parts))
