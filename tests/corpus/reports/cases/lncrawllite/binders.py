"""Stand-in for an lncrawl module imported by the CLI: it creates its worker context at import."""
import multiprocessing

# the e-book binders share one manager-backed progress dict; the default context is
# resolved here, at import time, which fixes the process-wide start method
_ctx = multiprocessing.get_context()
START_METHOD = multiprocessing.get_start_method()


def bind_epub(title, chapters):
    return "%s.epub (%d chapters)" % (title, len(chapters))
