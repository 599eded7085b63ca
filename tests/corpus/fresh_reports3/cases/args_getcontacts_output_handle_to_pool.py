# family: args
# hazard: unpicklable-argument
# line: 26
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/getcontacts/getcontacts/issues/96 ("Running the testing script gives this error: TypeError: cannot pickle '_io.TextIOWrapper' object"; "A temporary workaround is to specify -cores 1"): the contact computation splits the trajectory into frame chunks and sends each chunk to a pool with the already opened output file, so the open file is pickled with every task. Reduced: frames are ints, contacts are strings.
"""Compute dynamic contacts over trajectory chunks in a process pool."""
import multiprocessing
import os
import tempfile


def compute_chunk(task):
    chunk, out_file = task
    rows = ["%d\thbbb\tA:ALA:%d" % (frame, frame * 3) for frame in chunk]
    out_file.write("\n".join(rows) + "\n")
    return len(rows)


def compute_contacts(frames, output, cores=2, chunk_size=4):
    chunks = [frames[i:i + chunk_size] for i in range(0, len(frames), chunk_size)]
    with open(output, "w") as ofs:
        tasks = [(chunk, ofs) for chunk in chunks]
        if cores == 1:
            return sum(map(compute_chunk, tasks))
        with multiprocessing.Pool(cores) as pool:
            return sum(pool.map(compute_chunk, tasks))


if __name__ == "__main__":
    out = os.path.join(tempfile.gettempdir(), "contacts.tsv")
    print("RESULT=%d" % compute_contacts(list(range(12)), out, cores=2))
