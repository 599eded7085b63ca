# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/erinxocon/requests-xml/issues/5 -- the usual answer: ship the raw XML and parse in the worker; the lambda given to p_tqdm's p_map closes over bytes only, which dill copies.
from lxml import etree
from p_tqdm import p_map

FEED = b"<rss><channel>" + b"".join(b"<item><title>t%d</title></item>" % n for n in range(6)) + b"</channel></rss>"


def titles_per_worker(feed_bytes, indexes):
    def title(i):
        return etree.fromstring(feed_bytes).findall(".//item")[i].findtext("title")
    return p_map(lambda i: title(i), indexes, num_cpus=2, disable=True)


if __name__ == "__main__":
    titles = titles_per_worker(FEED, list(range(6)))
    print("RESULT=%s" % ",".join(titles))
