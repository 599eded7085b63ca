# family: globals
# hazard: state-set-under-guard
# line: 29 36
# files: fr23kit/ccblog.py
# timeout: 15
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/nextcloud/context_chat_backend/pull/326 -- "setup_logging() runs in main.py under if __name__ == '__main__' ... so the forkserver children re-import the package without going through __main__ and never run the logging setup -- their ccb.* loggers end up with no handlers ... the per-request embed/ingest logs from the child processes get silently dropped"
"""Embed uploaded documents in a child process per request and keep one log of the service (ccb-like)."""
import logging
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


def exec_in_proc(target, args):
    proc = multiprocessing.Process(target=target, args=args)
    proc.start()
    proc.join(10)
    return proc.exitcode


def main():
    log_path = os.path.join(tempfile.mkdtemp(prefix="ccb_"), "ccb.log")
    handler = ccblog.setup_logging(log_path)
    requests = {"r1": ["README.md", "notes.txt"], "r2": ["budget.xlsx", "plan.odt", "mail.eml"]}
    for request_id, docs in requests.items():
        logger.info("request %s accepted (%d documents)", request_id, len(docs))
        exec_in_proc(embed_documents, (request_id, docs))
    handler.flush()
    embedded = ccblog.count_records(log_path, " embedded ")
    expected = sum(len(d) for d in requests.values())
    print(f"RESULT=embedded_records={embedded}")
    if embedded != expected:
        sys.exit(3)


if __name__ == "__main__":
    main()
