# family: callable
# hazard: unpicklable-callable
# line: 15
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/erinxocon/requests-xml/issues/5 -- "Pickle-ability of XML objects ... great for multiprocessing tasks": the parsed feed (an lxml tree) cannot be pickled. p_tqdm's p_map (pathos/dill) accepts a lambda, but dill has to copy the tree the lambda closes over.
from lxml import etree
from p_tqdm import p_map

FEED = b"<rss><channel>" + b"".join(b"<item><title>t%d</title></item>" % n for n in range(6)) + b"</channel></rss>"


def titles_per_worker(feed_bytes, indexes):
    root = etree.fromstring(feed_bytes)
    items = root.findall(".//item")
    return p_map(lambda i: items[i].findtext("title"), indexes, num_cpus=2, disable=True)


if __name__ == "__main__":
    titles = titles_per_worker(FEED, list(range(6)))
    print("RESULT=%s" % ",".join(titles))
