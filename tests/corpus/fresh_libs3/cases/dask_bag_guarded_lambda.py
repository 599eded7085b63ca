# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 20
# note: fix of https://github.com/TopEFT/topeft/issues/30: the same dask.bag pipeline under a main guard; the lambda is fine because dask uses cloudpickle
import dask.bag as db

SAMPLES = {"ttH": [1, 2, 3], "ttW": [4, 5]}


def build(samples, scale):
    flat = [e for events in samples.values() for e in events]
    return db.from_sequence(flat, npartitions=2).map(lambda e: e * scale)


def main():
    total = build(SAMPLES, 0.5).sum().compute()
    print("RESULT=" + str(total))


if __name__ == "__main__":
    main()
