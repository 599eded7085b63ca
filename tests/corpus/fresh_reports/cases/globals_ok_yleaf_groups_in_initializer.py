# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix proposed in https://github.com/genid/Yleaf/issues/34 (the tables are built in each worker, here by a Pool initializer given the reference file, instead of being mutated globals the parent filled).
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
    reference = write_reference(folder)
    read_backbone_groups(reference)
    samples = [("s1", ["R", "R1b"]), ("s2", ["A"]), ("s3", ["R", "R1a"])]
    with multiprocessing.Pool(2, initializer=read_backbone_groups, initargs=(reference,)) as pool:
        predictions = pool.map(predict_haplogroup, samples)
    print("RESULT=%s" % predictions)
    return 3 if any(hg == "NA" for _, hg in predictions) else 0


if __name__ == "__main__":
    sys.exit(main())
