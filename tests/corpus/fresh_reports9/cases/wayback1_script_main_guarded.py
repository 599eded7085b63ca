# family: guard
# hazard: none
# line: none
# timeout: 8
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/lorenzoromani1983/wayback-keyword-search/pull/1 -- the merged change: the module-level work moves into main(), called only under `if __name__ == '__main__'`, so spawned Pool workers import the script without re-running it
import os
import re
import sys
import tempfile
from multiprocessing import Pool

KEYWORD_DEFAULT = "privacy"


def snapshot_urls(domain, years):
    return [f"https://web.archive.org/web/{y}0101000000/{domain}" for y in years]


def fetch(url):
    # offline stand-in for requests.get(url).text
    year = re.search(r"/web/(\d{4})", url).group(1)
    return url, f"<html>{year} privacy policy of {url.rsplit('/', 1)[-1]}</html>"


def search(page, keyword):
    url, html = page
    return url if keyword in html else None


def save(results, folder):
    path = os.path.join(folder, "matches.txt")
    with open(path, "w") as fh:
        fh.write("\n".join(r for r in results if r))
    return path


def main(argv):
    domain = argv[1] if len(argv) > 1 else "example.org"
    keyword = argv[2] if len(argv) > 2 else KEYWORD_DEFAULT
    folder = tempfile.mkdtemp(prefix="wayback_")
    urls = snapshot_urls(domain, range(2015, 2019))

    pool = Pool(2)
    pages = pool.map(fetch, urls)
    pool.close()
    pool.join()
    matches = [search(p, keyword) for p in pages]
    save(matches, folder)
    print(f"RESULT={sum(1 for m in matches if m)}")


if __name__ == "__main__":
    main(sys.argv)
