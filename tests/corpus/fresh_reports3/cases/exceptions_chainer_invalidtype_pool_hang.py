# family: exceptions
# hazard: unpicklable-exception
# line: 16 23
# files: chkit/__init__.py chkit/type_check.py
# timeout: 10
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: Shape of https://github.com/chainer/chainer/pull/6884 ("Make InvalidType picklable": "The following error is often occurred while using multiprocessing, then hide details of InvalidType exception", `pickle.loads(pickle.dumps(InvalidType('foo', 'bar')))` -> "TypeError: __init__() missing 1 required positional argument: 'actual'"): a batch-conversion step type-checks its inputs in pool workers; the InvalidType raised there cannot be rebuilt in the parent, whose result-handler thread dies, so map() never returns. Reduced: chkit stands for chainer's type_check module.
"""Convert mini-batches in a pool, type-checking every array first."""
import multiprocessing

from chkit import type_check


def convert_batch(batch):
    shapes = [len(x) for x in batch]
    type_check.expect(len(set(shapes)) == 1, "in_types[0].shape == in_types[1].shape", str(shapes))
    return [sum(x) for x in batch]


if __name__ == "__main__":
    batches = [[[1, 2], [3, 4]], [[1, 2], [3]]]
    with multiprocessing.Pool(2) as pool:
        converted = pool.map(convert_batch, batches)
    print("RESULT=%s" % converted)
