# family: container
# hazard: unpicklable-argument
# line: 42
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: The list of chunks handed to Pool.map holds lists for full chunks but a lazy generator for the tail; pool.map pickles each chunk and the generator cannot be pickled under any start method. Modelled on https://github.com/fatiando/fatiando/issues/295 (generator model handed to parallel workers).
"""Checksum a sequence of records in fixed-size chunks with a process pool."""
import hashlib
import itertools
import multiprocessing

CHUNK = 4


def records(n):
    for i in range(n):
        yield f"record-{i:05d}".encode()


def make_chunks(source, size):
    """Full chunks are materialised; the remainder is left lazy to save memory."""
    chunks = []
    iterator = iter(source)
    while True:
        head = list(itertools.islice(iterator, size))
        if len(head) < size:
            chunks.append(x for x in head)
            break
        chunks.append(head)
    return chunks


def checksum(chunk):
    digest = hashlib.sha256()
    for item in chunk:
        digest.update(item)
    return digest.hexdigest()[:12]


def main():
    chunks = make_chunks(records(10), CHUNK)
    with multiprocessing.Pool(2) as pool:
        sums = pool.map(checksum, chunks)
    for index, value in enumerate(sums):
        print(index, value)


if __name__ == "__main__":
    main()
