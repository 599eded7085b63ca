# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: A working form of the computation in https://github.com/getcontacts/getcontacts/issues/96 ("cannot pickle '_io.TextIOWrapper' object" with more than one core): each pool task receives the path of its own part file and opens it in the worker; the parent concatenates the parts after the pool finishes.
"""Compute dynamic contacts over trajectory chunks in a process pool."""
import multiprocessing
import os
import tempfile


def compute_chunk(task):
    chunk, part_path = task
    rows = ["%d\thbbb\tA:ALA:%d" % (frame, frame * 3) for frame in chunk]
    with open(part_path, "w") as ofs:
        ofs.write("\n".join(rows) + "\n")
    return len(rows)


def compute_contacts(frames, output, cores=2, chunk_size=4):
    chunks = [frames[i:i + chunk_size] for i in range(0, len(frames), chunk_size)]
    tasks = [(chunk, "%s.part%d" % (output, n)) for n, chunk in enumerate(chunks)]
    with multiprocessing.Pool(cores) as pool:
        total = sum(pool.map(compute_chunk, tasks))
    with open(output, "w") as ofs:
        for _, part in tasks:
            with open(part) as ifs:
                ofs.write(ifs.read())
            os.remove(part)
    return total


if __name__ == "__main__":
    out = os.path.join(tempfile.gettempdir(), "contacts_%d.tsv" % os.getpid())
    print("RESULT=%d" % compute_contacts(list(range(12)), out, cores=2))
