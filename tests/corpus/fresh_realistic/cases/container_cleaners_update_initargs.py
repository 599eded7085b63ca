# family: container
# hazard: unpicklable-argument
# line: 40 36
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/Delgan/loguru/issues/831 (`Pool(..., initializer=set_global_logger, initargs=(logger,))` fails on macOS with "cannot pickle ..." while it ran on Linux): the cleaning pipeline is a dict of callables built from defaults and then .update()d with project extras, one of them a lambda; the dict goes to the workers through Pool(initargs=...), which is pickled only under spawn and forkserver.
"""Clean product titles in a worker pool; each worker builds its pipeline once."""
import multiprocessing
import unicodedata

_pipeline = None


def nfkc(text):
    return unicodedata.normalize("NFKC", text)


def build_cleaners(extra=None):
    cleaners = {"strip": str.strip, "nfkc": nfkc}
    cleaners.update(extra or {})
    return cleaners


def init_worker(cleaners):
    global _pipeline
    _pipeline = [cleaners[name] for name in sorted(cleaners)]


def clean(title):
    for step in _pipeline:
        title = step(title)
    return title


def main():
    cleaners = build_cleaners({
        "collapse_ws": lambda s: " ".join(s.split()),
        "title_case": str.title,
    })
    titles = ["  usb   cable  ", "ｗｉｄｅ screen", "red  mug"]
    with multiprocessing.Pool(2, initializer=init_worker, initargs=(cleaners,)) as pool:
        cleaned = pool.map(clean, titles)
    print("RESULT=%s" % cleaned)


if __name__ == "__main__":
    main()
