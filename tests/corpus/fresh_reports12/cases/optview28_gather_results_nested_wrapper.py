# family: callable
# hazard: local-function-target
# line: 29 r12kit/optpmap.py:27
# files: r12kit/optpmap.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/OfekShilon/optview2/pull/28 -- opt-viewer.py failed on macOS / Python 3.13 with "Can't pickle local object" from optpmap.parallel_map; here gather_results maps get_remarks through a parallel_map whose per-item wrapper is a function nested in parallel_map (it binds the exclude filters), and the pool must pickle that wrapper with every task
import argparse
import os
import sys
import tempfile

from r12kit import optpmap as optpmap


def get_remarks(path, exclude_names, exclude_text):
    remarks = []
    with open(path) as fh:
        for line in fh:
            kind, _, text = line.strip().partition(":")
            if exclude_names and kind in exclude_names:
                continue
            if exclude_text and exclude_text in text:
                continue
            remarks.append((kind, text))
    return path, remarks


def gather_results(filenames, num_jobs, exclude_names=None, exclude_text=None):
    remarks = optpmap.parallel_map(get_remarks, filenames, num_jobs, exclude_names, exclude_text)
    all_remarks = {}
    for path, found in remarks:
        all_remarks[os.path.basename(path)] = len(found)
    return all_remarks


def write_inputs(folder, count=4):
    names = []
    for i in range(count):
        path = os.path.join(folder, f"unit{i}.opt.yaml")
        with open(path, "w") as fh:
            fh.write("Missed:loop not vectorized\nPassed:inlined foo\nAnalysis:cost model\n")
        names.append(path)
    return names


def main(argv=None):
    parser = argparse.ArgumentParser(description="Generate HTML output to visualize optimization records")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--exclude-names", nargs="*", default=["Analysis"])
    parser.add_argument("--exclude-text", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        files = write_inputs(folder)
        results = gather_results(files, args.jobs, exclude_names=args.exclude_names, exclude_text=args.exclude_text)
    total = sum(results.values())
    print(f"RESULT={total}")
    return 0 if total == 8 else 3


if __name__ == "__main__":
    sys.exit(main())
