# family: globals
# hazard: parent-state-not-inherited
# line: 36
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/BlueBrain/Search/issues/278 -- after the embedding entrypoint switched to spawn, the log messages of the child processes were invisible: the logging configuration made in the parent does not exist in a spawned child
import logging
import multiprocessing
import os
import sys
import tempfile

logger = logging.getLogger("embeddings")


def embed_batch(batch_id, texts, out_q):
    logger.info("batch %d: embedding %d texts", batch_id, len(texts))
    out_q.put((batch_id, [len(t) for t in texts]))


def run_embeddings(batches):
    out_q = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=embed_batch, args=(i, texts, out_q))
        for i, texts in enumerate(batches)
    ]
    for p in procs:
        p.start()
    results = dict(out_q.get() for _ in procs)
    for p in procs:
        p.join()
    return results


def main():
    log_path = os.path.join(tempfile.mkdtemp(), "embed.log")
    logging.basicConfig(filename=log_path, level=logging.INFO, format="%(processName)s %(message)s")
    logger.info("starting")
    results = run_embeddings([["a", "bb"], ["ccc"]])
    logging.shutdown()
    with open(log_path) as f:
        batch_lines = [line for line in f if "batch" in line]
    print(f"RESULT={len(results)},{len(batch_lines)}")
    sys.exit(0 if len(batch_lines) == 2 else 3)


if __name__ == "__main__":
    main()
