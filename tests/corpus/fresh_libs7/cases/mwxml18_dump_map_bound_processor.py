# family: callable
# hazard: none
# line: none
# files: l7kit/mwmap.py
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/mediawiki-utilities/python-mwxml/issues/18 -- the working variant of the same loop: the processor is bound to a module-level `_process_path` with functools.partial instead of being wrapped in a local function, so each Process argument pickles by reference (page_info is a module-level function of the guarded script)
import os
import sys
import tempfile

from l7kit import mwmap

DUMPS = {
    "dump.xml": ["1|0|Main Page", "2|0|Python", "3|1|Talk:Python"],
    "dump2.xml": ["10|0|Pickle", "11|0|Fork (system call)"],
}


def page_info(dump, path):
    for page in dump:
        yield page.id, page.namespace, page.title


def write_dumps(folder):
    paths = []
    for name, lines in DUMPS.items():
        path = os.path.join(folder, name)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        paths.append(path)
    return paths


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        files = write_dumps(tmp)
        print(f"Processing {len(files)} files...")
        seen = []
        for id, namespace, title in mwmap.map_bound(page_info, files):
            seen.append(id)
        print("RESULT=", sorted(seen))
    sys.exit(0)
