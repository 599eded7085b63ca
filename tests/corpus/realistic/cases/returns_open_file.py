# family: returns
# hazard: unpicklable-return
# line: 19
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: A ProcessPoolExecutor task writes a report and returns the open file handle so the caller can "continue writing"; the result is pickled back under every start method and file objects cannot be pickled. Modelled on https://github.com/django-q2/django-q2/issues/72 (result pickled through a multiprocessing queue: "cannot pickle '_io.TextIOWrapper' object").
"""Render per-team reports in worker processes."""
import concurrent.futures
import os
import tempfile

TEAMS = {"infra": [3, 5, 2], "web": [8, 1], "data": [4, 4, 4]}


def render_report(directory, team, values):
    path = os.path.join(directory, f"{team}.txt")
    handle = open(path, "w")
    handle.write(f"team {team}\n")
    handle.write(f"total {sum(values)}\n")
    return handle


def main():
    directory = tempfile.mkdtemp()
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(render_report, directory, team, values)
                   for team, values in sorted(TEAMS.items())]
        for future in futures:
            handle = future.result()
            handle.write("footer\n")
            handle.close()
    for name in sorted(os.listdir(directory)):
        os.remove(os.path.join(directory, name))
    os.rmdir(directory)


if __name__ == "__main__":
    main()
