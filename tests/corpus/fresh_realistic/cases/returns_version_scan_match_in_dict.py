# family: returns
# hazard: unpicklable-return
# line: 22
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of the MaybeEncodingError reports such as https://github.com/google/turbinia/issues/70 (a pool task's result object could not be sent back: "Error sending result") with the classic re.Match case: a release tool scans setup files for a version string in a Pool and returns {"path": ..., "match": re.Match}; re.Match objects cannot be pickled, so the results fail to come back ("cannot pickle 're.Match' object") under every start method.
"""Find the declared version of every package in a monorepo."""
import multiprocessing
import re

VERSION = re.compile(r"""version\s*=\s*["']([^"']+)["']""")

FILES = {
    "pkgs/core/setup.py": 'setup(name="core", version="2.4.1")',
    "pkgs/cli/setup.py": "setup(name='cli', version='0.9.0')",
    "pkgs/docs/setup.py": 'setup(name="docs")',
}


def scan(item):
    path, text = item
    match = VERSION.search(text)
    return {"path": path, "match": match}


def versions(files, processes=2):
    with multiprocessing.Pool(processes) as pool:
        found = pool.map(scan, sorted(files.items()))
    return {f["path"]: f["match"].group(1) for f in found if f["match"]}


def read_tree(root=None):
    if root is None:
        return dict(FILES)
    raise NotImplementedError("scanning a checkout is done by the CI job")


def main():
    result = versions(read_tree())
    for path, version in sorted(result.items()):
        print(f"{path}: {version}")
    print("RESULT=%s" % sorted(result.values()))


if __name__ == "__main__":
    main()
