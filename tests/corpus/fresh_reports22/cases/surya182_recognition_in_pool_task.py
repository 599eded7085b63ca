# family: daemon
# hazard: daemon-children
# line: 30 38 r25kit/ocr_pool.py:11 r25kit/ocr_pool.py:12
# files: r25kit/ocr_pool.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/datalab-to/surya/pull/182 -- "daemonic processes are not allowed to have children": surya's recognition ran a ProcessPoolExecutor, and a service that called it from its own worker processes (celery's prefork pool, Ray serve) failed; here the documents are OCRed by the tasks of a multiprocessing.Pool
"""OCR a batch of scanned documents: one pool task per document, lines recognised in a batch."""
import argparse
import multiprocessing
import sys
from dataclasses import dataclass

from r25kit.ocr_pool import batch_recognition


@dataclass
class Document:
    name: str
    lines: list


@dataclass
class PageResult:
    name: str
    text: str
    confidence: float


def ocr_document(doc):
    pairs = batch_recognition(doc.lines, workers=2)
    text = " / ".join(t for t, _ in pairs)
    conf = round(sum(c for _, c in pairs) / len(pairs), 3)
    return PageResult(doc.name, text, conf)


def run_batch(documents, workers):
    with multiprocessing.Pool(workers) as pool:
        return pool.map(ocr_document, documents)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    docs = [
        Document("invoice-1", ["total due", "net 30"]),
        Document("invoice-2", ["paid in full"]),
    ]
    results = run_batch(docs, args.workers)
    value = "|".join(r.text for r in results)
    print(f"RESULT={value}")
    return 0 if value == "TOTAL DUE / NET 30|PAID IN FULL" else 3


if __name__ == "__main__":
    sys.exit(main())
