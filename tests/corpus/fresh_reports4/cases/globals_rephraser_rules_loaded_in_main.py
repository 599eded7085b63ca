# family: globals
# hazard: parent-state-not-inherited
# line: 34
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: Shape of https://github.com/travco/rephraser/pull/4 ("if you don't specify using fork method, it will use spawn on mac, which means global vars (in particular dct) don't get inherited"): the substitution dictionary is a global filled by main() and read by the pool's permutation workers.
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


def permute(phrase):
    out = {phrase}
    for _ in range(MAX_DEPTH):
        for cand in list(out):
            for src, dsts in dct.items():
                if src in cand:
                    out.update(cand.replace(src, d, 1) for d in dsts)
    return sorted(out)


def main(argv):
    global dct
    rules = ["a:4", "e:3", "o:0", "s:$"]
    dct = load_rules(rules)
    phrases = argv or ["password", "secret"]
    with multiprocessing.Pool(2) as pool:
        results = pool.map(permute, phrases)
    return sum(len(r) for r in results)


if __name__ == "__main__":
    n = main(sys.argv[1:])
    print("RESULT=%d" % n)
    sys.exit(0 if n > 2 else 3)
