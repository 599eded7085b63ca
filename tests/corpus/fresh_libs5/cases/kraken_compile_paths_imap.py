# family: args
# hazard: none
# line: none
# files: l5kit/xmldocs.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/mittagessen/kraken/issues/566 -- the reporter's work-around: "have the parsing inside the pooled function, instead of before"; the pool gets file paths and each worker parses its own tree.
import argparse
from multiprocessing import Pool

from l5kit.xmldocs import load_tree, write_pages


def compile_page(path):
    root = load_tree(path).getroot()
    return root.get("id"), len(root.findall("line"))


def compile_dataset(paths, workers):
    lines = 0
    with Pool(workers) as pool:
        for page_id, count in pool.imap(compile_page, paths):
            lines += count
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    paths = write_pages(4)
    print("RESULT=%d" % compile_dataset(paths, args.workers))


if __name__ == "__main__":
    main()
