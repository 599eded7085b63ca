# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/adbar/trafilatura/issues/420 -- the fix on the caller's side: catch lxml's error inside the worker and send back plain values (the message, and the XPath text results, which are str subclasses that pickle).
import concurrent.futures

from lxml import etree

DOCUMENTS = [b"<html><body><p>one</p></body></html>", b"<html><body><p>two</body>",
             b"<html><body><p>three</p></body></html>"]


def extract(document):
    try:
        root = etree.fromstring(document)
    except etree.XMLSyntaxError as exc:
        return None, "parse error: %s" % exc.msg[:40]
    return root.xpath("//p/text()"), None


def scrape_all(documents):
    texts, errors = [], []
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as executor:
        for parts, error in executor.map(extract, documents):
            if error:
                errors.append(error)
            else:
                texts.append(" ".join(parts))
    return texts, errors


if __name__ == "__main__":
    texts, errors = scrape_all(DOCUMENTS)
    print("RESULT=%d/%d" % (len(texts), len(errors)))
