# family: args
# hazard: none
# line: none
# files: r5kit/net.py
# expect: fork=ok spawn=ok forkserver=ok
# note: webknossos-libs pickles its HTTP settings by rebuilding the SSLContext from its cafile on unpickling (r5kit's PicklableContext), so the settings can travel to workers (https://github.com/scalableminds/webknossos-libs/pull/1223)
from multiprocessing import Pool

from r5kit import net


class Downloader:
    def __init__(self, base_url):
        self.settings = net.SafeHttpSettings(base_url)

    def jobs(self, names):
        return [(self.settings, name) for name in names]


def download(settings, name):
    return "%s/%s (tls=%s)" % (settings.base_url, name, settings.tls.context is not None)


def run(names):
    downloader = Downloader("https://data.example.org")
    with Pool(2) as pool:
        return pool.starmap(download, downloader.jobs(names))


if __name__ == "__main__":
    print("RESULT=%s" % run(["a.csv", "b.csv"]))
