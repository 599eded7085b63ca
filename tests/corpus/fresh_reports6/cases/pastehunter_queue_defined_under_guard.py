# family: globals
# hazard: parent-state-not-inherited
# line: 40
# expect: fork=ok spawn=error:NameError forkserver=error:NameError
# note: github.com/kevthehermit/PasteHunter/issues/82 -- the paste queue `q` is created under the main guard and the saver processes read the module name `q`; on Windows every saver fails with "NameError: name 'q' is not defined".
import multiprocessing
import os
import tempfile

SETTINGS = {"outputs": ["json"], "workers": 2, "store_dir": tempfile.gettempdir()}


def save_paste(paste, store_dir):
    path = os.path.join(store_dir, "paste-%s.json" % paste["key"])
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(paste["raw"])
    return path


def paste_saver(store_dir):
    saved = 0
    while True:
        paste = q.get()
        if paste is None:
            break
        save_paste(paste, store_dir)
        saved += 1


def start_savers(settings):
    procs = []
    for _ in range(settings["workers"]):
        proc = multiprocessing.Process(target=paste_saver, args=(settings["store_dir"],))
        proc.start()
        procs.append(proc)
    return procs


if __name__ == "__main__":
    q = multiprocessing.Queue()
    savers = start_savers(SETTINGS)
    for key in range(4):
        q.put({"key": key, "raw": "paste body %d" % key})
    for _ in savers:
        q.put(None)
    for proc in savers:
        proc.join()
    print("RESULT=%s" % [proc.exitcode for proc in savers])
