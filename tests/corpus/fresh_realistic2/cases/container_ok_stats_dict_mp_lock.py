# family: container
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/bccp/nbodykit/pull/549: the shared things live in a dict too, but they are a multiprocessing.Lock and a multiprocessing.Value, and the dict goes to Process(args=...), which is the documented way to hand them to children (pickled by the spawn/forkserver launcher with their semaphore handles).
"""Count words in several log files, one process per file, into a shared counter.

Usage: wordcount_logs.py
"""
import multiprocessing

LOGS = {
    "api.log": "GET /a 200\nGET /b 404\nPOST /a 201\n",
    "worker.log": "job 1 done\njob 2 done\n",
    "cron.log": "nightly backup started\nnightly backup finished\n",
}


def count_words(name, text, shared):
    words = len(text.split())
    with shared["lock"]:
        shared["total"].value += words
    print(f"{name}: {words}")


def main():
    shared = {
        "lock": multiprocessing.Lock(),
        "total": multiprocessing.Value("i", 0, lock=False),
    }
    procs = []
    for name, text in LOGS.items():
        procs.append(multiprocessing.Process(target=count_words, args=(name, text, shared)))
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    expected = sum(len(t.split()) for t in LOGS.values())
    print("total", shared["total"].value)
    if shared["total"].value != expected:
        raise SystemExit(3)


if __name__ == "__main__":
    main()
