# family: mainblock
# hazard: target-in-main-block
# line: 42
# expect: fork=ok spawn=attribute_error_mp_main forkserver=attribute_error_mp_main
# timeout: 10
# note: https://agentbeck.bot/report/95331 -- the hashing function is defined under the main guard next to the argument parsing and mapped by a process pool.
"""checksum tool: print a sha256 for every file in a directory, in parallel."""
import argparse
import hashlib
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor


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

    def digest(path):
        h = hashlib.new(args.algo)
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(8192), b""):
                h.update(chunk)
        return os.path.basename(path), h.hexdigest()[:16]

    files = list_files(make_fixture(4))
    with ProcessPoolExecutor(max_workers=args.jobs) as ex:
        sums = list(ex.map(digest, files))
    for name, value in sums:
        print(f"{value}  {name}")
    print("RESULT=" + str(len(sums)))
    raise SystemExit(0 if len(sums) == 4 else 3)
