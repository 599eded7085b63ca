# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/MoseleyBioinformaticsLab/kegg_pull/issues/126 -- the design settled in the issue: the lock is set on the single_pull object, which is handed once to each worker through Pool(initializer=, initargs=) and kept in a global; tasks carry only entry ids
import multiprocessing
import os
import sys
import tempfile
import zipfile

_single_pull = None


class SinglePull:
    def __init__(self, zip_path, lock):
        self.zip_path = zip_path
        self.lock = lock

    def pull(self, entry_id):
        text = f"ENTRY {entry_id}\n///\n"
        with self.lock:
            with zipfile.ZipFile(self.zip_path, "a") as zf:
                zf.writestr(f"{entry_id}.txt", text)
        return entry_id


def _init_worker(single_pull):
    global _single_pull
    _single_pull = single_pull


def _pull_entry(entry_id):
    return _single_pull.pull(entry_id)


def multiple_pull(entry_ids, zip_path, processes=2):
    single_pull = SinglePull(zip_path, multiprocessing.Lock())
    with multiprocessing.Pool(processes, initializer=_init_worker, initargs=(single_pull,)) as pool:
        return pool.map(_pull_entry, entry_ids)


def main():
    zip_path = os.path.join(tempfile.mkdtemp(), "entries.zip")
    pulled = multiple_pull(["hsa:10458", "hsa:10459", "ece:Z5100"], zip_path)
    with zipfile.ZipFile(zip_path) as zf:
        names = sorted(zf.namelist())
    print("RESULT=" + ",".join(names))
    sys.exit(0 if len(names) == 3 and len(pulled) == 3 else 3)


if __name__ == "__main__":
    main()
