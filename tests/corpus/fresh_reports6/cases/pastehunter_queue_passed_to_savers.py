# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/kevthehermit/PasteHunter/issues/82 -- the working variant: the queue made under the main guard is handed to each saver process as an argument instead of being read as a module global.
import multiprocessing
import os
import tempfile

SETTINGS = {"outputs": ["json"], "workers": 2, "store_dir": tempfile.gettempdir()}


def save_paste(paste, store_dir):
    path = os.path.join(store_dir, "paste-%s.json" % paste["key"])
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(paste["raw"])
    return path


def paste_saver(paste_queue, store_dir):
    while True:
        paste = paste_queue.get()
        if paste is None:
            break
        save_paste(paste, store_dir)


def start_savers(settings, paste_queue):
    procs = []
    for _ in range(settings["workers"]):
        proc = multiprocessing.Process(target=paste_saver, args=(paste_queue, settings["store_dir"]))
        proc.start()
        procs.append(proc)
    return procs


if __name__ == "__main__":
    q = multiprocessing.Queue()
    savers = start_savers(SETTINGS, q)
    for key in range(4):
        q.put({"key": key, "raw": "paste body %d" % key})
    for _ in savers:
        q.put(None)
    for proc in savers:
        proc.join()
    print("RESULT=%s" % [proc.exitcode for proc in savers])
