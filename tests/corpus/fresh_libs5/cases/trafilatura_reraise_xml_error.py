# family: results
# hazard: unpicklable-exception
# line: 19
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/adbar/trafilatura/issues/420 -- scraping with a ProcessPoolExecutor: an lxml parse/XPath error raised in the worker could not be sent back ("cannot pickle 'lxml.etree._ListErrorLog' object" in _sendback_result).
import concurrent.futures

from lxml import etree

DOCUMENTS = [b"<html><body><p>one</p></body></html>", b"<html><body><p>two</body>",
             b"<html><body><p>three</p></body></html>"]


def extract(document):
    try:
        root = etree.fromstring(document)
    except etree.XMLSyntaxError as exc:
        print("could not parse a page: %s" % exc.msg[:40])
        raise
    return " ".join(root.xpath("//p/text()"))


def scrape_all(documents):
    texts = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as executor:
        for text in executor.map(extract, documents):
            texts.append(text)
    return texts


if __name__ == "__main__":
    print("RESULT=%d" % len(scrape_all(DOCUMENTS)))
