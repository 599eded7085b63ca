# family: globals
# hazard: parent-state-not-inherited
# line: 47 44 21 23
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: Shape of https://github.com/genid/Yleaf/issues/34 ("This program make the invalid assumption that mutated global variables (like BACKBONE_GROUPS) will have up-to-date values in child processes"; every sample came out NA on macOS): the haplogroup tables are module globals filled by main() from the reference files, and the pool's prediction function reads them.
"""Predict the Y haplogroup of several samples from their called markers."""
import multiprocessing
import os
import sys
import tempfile

BACKBONE_GROUPS = set()
MAIN_HAPLO_GROUPS = set()


def read_backbone_groups(path):
    with open(path) as fh:
        for line in fh:
            name, kind = line.split()
            if kind == "backbone":
                BACKBONE_GROUPS.add(name)
            else:
                MAIN_HAPLO_GROUPS.add(name)


def predict_haplogroup(sample):
    name, markers = sample
    backbone = [m for m in markers if m in BACKBONE_GROUPS]
    main_groups = [m for m in markers if m in MAIN_HAPLO_GROUPS]
    if not backbone:
        return name, "NA"
    return name, max(main_groups or backbone)


def write_reference(folder):
    path = os.path.join(folder, "hg_backbone.txt")
    with open(path, "w") as fh:
        fh.write("A backbone\nR backbone\nR1b main\nR1a main\n")
    return path


def main():
    folder = tempfile.mkdtemp()
    read_backbone_groups(write_reference(folder))
    samples = [("s1", ["R", "R1b"]), ("s2", ["A"]), ("s3", ["R", "R1a"])]
    with multiprocessing.Pool(2) as pool:
        predictions = pool.map(predict_haplogroup, samples)
    print("RESULT=%s" % predictions)
    return 3 if any(hg == "NA" for _, hg in predictions) else 0


if __name__ == "__main__":
    sys.exit(main())
