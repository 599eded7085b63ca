# family: callable
# hazard: unpicklable-callable
# line: l7kit/mwmap.py:45 40
# files: l7kit/mwmap.py
# timeout: 20
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/mediawiki-utilities/python-mwxml/issues/18 -- the documented `mwxml.map(page_info, files)` loop under the main guard breaks where the start method is spawn (macOS since 3.8): mwxml.map wraps the user's processor in a local `process_path` function and para.map starts one Process per dump file with it as an argument (`map_process.start()`), which must pickle it; this program lists pages of small dumps the same way
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
        for id, namespace, title in mwmap.map(page_info, files):
            seen.append(id)
        print("RESULT=", sorted(seen))
    sys.exit(0)
