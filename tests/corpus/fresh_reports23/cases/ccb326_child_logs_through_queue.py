# family: globals
# hazard: none
# line: none
# files: fr23kit/ccblog.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/nextcloud/context_chat_backend/pull/326 -- the PR's fix: "one multiprocessing.Queue plus a QueueListener in the parent bound to the real ccb handlers ... and a QueueHandler installed on the child's ccb logger from inside exception_wrap. The queue is passed in as a kwarg from exec_in_proc"
"""Embed uploaded documents in a child process per request and keep one log of the service (ccb-like)."""
import logging
import logging.handlers
import multiprocessing
import os
import sys
import tempfile

from fr23kit import ccblog

logger = logging.getLogger("ccb.injest")


def embed_documents(request_id, documents):
    """Child: 'embed' the documents and log every one of them."""
    for doc in documents:
        vector = [len(doc), sum(map(ord, doc)) % 97]
        logger.info("request %s embedded %s -> %s", request_id, doc, vector)


def exception_wrap(target, args, log_queue=None):
    if log_queue is not None:
        ccblog.install_queue_handler(log_queue)
    target(*args)


def exec_in_proc(target, args, log_queue):
    proc = multiprocessing.Process(target=exception_wrap, args=(target, args),
                                   kwargs={"log_queue": log_queue})
    proc.start()
    proc.join(10)
    return proc.exitcode


def main():
    log_path = os.path.join(tempfile.mkdtemp(prefix="ccb_"), "ccb.log")
    handler = ccblog.setup_logging(log_path)
    log_queue = multiprocessing.Queue()
    listener = logging.handlers.QueueListener(log_queue, handler)
    listener.start()
    requests = {"r1": ["README.md", "notes.txt"], "r2": ["budget.xlsx", "plan.odt", "mail.eml"]}
    try:
        for request_id, docs in requests.items():
            logger.info("request %s accepted (%d documents)", request_id, len(docs))
            exec_in_proc(embed_documents, (request_id, docs), log_queue)
    finally:
        listener.stop()
    handler.flush()
    embedded = ccblog.count_records(log_path, " embedded ")
    expected = sum(len(d) for d in requests.values())
    print(f"RESULT=embedded_records={embedded}")
    if embedded != expected:
        sys.exit(3)


if __name__ == "__main__":
    main()
