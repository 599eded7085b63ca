# family: args
# hazard: unpicklable-argument
# line: 27
# files: r5kit/net.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: dask #5650: the tasks' arguments carried an object holding an ssl.SSLContext (an HTTPS client's settings), and pickling them failed with "can't pickle SSLContext objects" (https://github.com/dask/dask/issues/5650)
from multiprocessing import Pool

from r5kit import net


class Downloader:
    def __init__(self, base_url):
        self.settings = net.secure_settings(base_url)

    def jobs(self, names):
        return [(self.settings, name) for name in names]


def download(settings, name):
    return "%s/%s (timeout=%s)" % (settings.base_url, name, settings.timeout)


def run(names):
    downloader = Downloader("https://data.example.org")
    with Pool(2) as pool:
        return pool.starmap(download, downloader.jobs(names))


if __name__ == "__main__":
    print("RESULT=%s" % run(["a.csv", "b.csv"]))
