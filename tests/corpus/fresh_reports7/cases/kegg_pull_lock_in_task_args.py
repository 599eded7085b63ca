# family: args
# hazard: unpicklable-argument
# line: 35
# expect: fork=inheritance_only_error spawn=inheritance_only_error forkserver=inheritance_only_error
# note: https://github.com/MoseleyBioinformaticsLab/kegg_pull/issues/126 -- the pull workers first received the zip-file lock with every task; a multiprocessing lock cannot travel in Pool task arguments ("Lock objects should only be shared between processes through inheritance")
import multiprocessing
import os
import sys
import tempfile
import zipfile


class SinglePull:
    def __init__(self, zip_path):
        self.zip_path = zip_path

    def pull(self, entry_id, lock):
        text = f"ENTRY {entry_id}\n///\n"
        with lock:
            with zipfile.ZipFile(self.zip_path, "a") as zf:
                zf.writestr(f"{entry_id}.txt", text)
        return entry_id


def _pull_entry(args):
    single_pull, entry_id, lock = args
    return single_pull.pull(entry_id, lock)


def multiple_pull(entry_ids, zip_path, processes=2):
    single_pull = SinglePull(zip_path)
    lock = multiprocessing.Lock()
    tasks = [(single_pull, entry_id, lock) for entry_id in entry_ids]
    with multiprocessing.Pool(processes) as pool:
        return pool.map(_pull_entry, tasks)


def main():
    zip_path = os.path.join(tempfile.mkdtemp(), "entries.zip")
    pulled = multiple_pull(["hsa:10458", "hsa:10459", "ece:Z5100"], zip_path)
    with zipfile.ZipFile(zip_path) as zf:
        names = sorted(zf.namelist())
    print("RESULT=" + ",".join(names))
    sys.exit(0 if len(names) == 3 and len(pulled) == 3 else 3)


if __name__ == "__main__":
    main()
