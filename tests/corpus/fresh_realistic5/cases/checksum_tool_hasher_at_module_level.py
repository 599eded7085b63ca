# family: mainblock
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://agentbeck.bot/report/95331 -- the hashing function lives at module level and takes the algorithm through functools.partial; the main block only parses arguments.
"""checksum tool: print a sha256 for every file in a directory, in parallel."""
import argparse
import functools
import hashlib
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor


def digest(path, algo="sha256"):
    h = hashlib.new(algo)
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(8192), b""):
            h.update(chunk)
    return os.path.basename(path), h.hexdigest()[:16]


def list_files(root):
    return sorted(os.path.join(root, n) for n in os.listdir(root))


def make_fixture(count):
    root = tempfile.mkdtemp(prefix="sums")
    for i in range(count):
        with open(os.path.join(root, f"part{i}.bin"), "wb") as fh:
            fh.write(bytes([i]) * (1024 + i))
    return root


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--algo", default="sha256")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    hasher = functools.partial(digest, algo=args.algo)

    files = list_files(make_fixture(4))
    with ProcessPoolExecutor(max_workers=args.jobs) as ex:
        sums = list(ex.map(hasher, files))
    for name, value in sums:
        print(f"{value}  {name}")
    print("RESULT=" + str(len(sums)))
    raise SystemExit(0 if len(sums) == 4 else 3)
