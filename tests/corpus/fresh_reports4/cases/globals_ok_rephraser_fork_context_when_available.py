# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# win32: ok
# note: Near miss for https://github.com/travco/rephraser/pull/4: the merged change asks for the fork context; here guarded by get_all_start_methods(), and where fork is missing the dictionary is handed to each worker through the pool initializer instead.
import multiprocessing
import sys

dct = {}
MAX_DEPTH = 2


def load_rules(lines):
    table = {}
    for line in lines:
        src, _, dst = line.partition(":")
        table.setdefault(src, []).append(dst)
    return table


def _init_worker(table):
    global dct
    dct = table


def permute(phrase):
    out = {phrase}
    for _ in range(MAX_DEPTH):
        for cand in list(out):
            for src, dsts in dct.items():
                if src in cand:
                    out.update(cand.replace(src, d, 1) for d in dsts)
    return sorted(out)


def make_pool(table):
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork").Pool(2)
    return multiprocessing.Pool(2, initializer=_init_worker, initargs=(table,))


def main(argv):
    global dct
    rules = ["a:4", "e:3", "o:0", "s:$"]
    dct = load_rules(rules)
    phrases = argv or ["password", "secret"]
    with make_pool(dct) as pool:
        results = pool.map(permute, phrases)
    return sum(len(r) for r in results)


if __name__ == "__main__":
    n = main(sys.argv[1:])
    print("RESULT=%d" % n)
    sys.exit(0 if n > 2 else 3)
