# family: args
# hazard: unpicklable-argument
# line: 22
# files: l5kit/xmldocs.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/mittagessen/kraken/issues/566 -- `ketos compile` parsed the PAGE XML files first and fed the lxml ElementTrees to the worker pool's imap: "lxml.etree.ElementTree is unpickable" at the imap call.
import argparse
from multiprocessing import Pool

from l5kit.xmldocs import load_tree, write_pages


def compile_page(tree):
    root = tree.getroot()
    return root.get("id"), len(root.findall("line"))


def compile_dataset(paths, workers):
    trees = [load_tree(path) for path in paths]
    lines = 0
    with Pool(workers) as pool:
        for page_id, count in pool.imap(compile_page, trees):
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
