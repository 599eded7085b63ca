# family: guard
# hazard: none
# line: none
# files: r13kit/structure_learning_lazy.py r13kit/splitting.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/SPFlow/SPFlow/issues/42 -- the fix: the learner makes its pool inside the call (one with-block per structure learning) instead of at module import, so the script re-imported in a spawned worker starts no pool
import sys

from r13kit.structure_learning_lazy import learn_structure


class Context:
    def __init__(self, parametric_types):
        self.parametric_types = parametric_types


def learn_parametric(data, ds_context, min_instances_slice=4):
    scopes = [(i,) for i in range(len(ds_context.parametric_types))]
    return learn_structure(data, scopes, min_instances_slice)


def main():
    data = [float(x % 17) for x in range(40)]
    ds_context = Context(parametric_types=["Gaussian", "Gaussian"])
    spn = learn_parametric(data, ds_context)
    leaves = [n for n in spn if n[0] == "leaf"]
    print("nodes=%d leaves=%d" % (len(spn), len(leaves)))
    if not leaves:
        sys.exit(3)


if __name__ == "__main__":
    main()
