# family: guard
# hazard: pool-at-import
# line: r13kit/structure_learning.py:8
# files: r13kit/structure_learning.py r13kit/splitting.py
# timeout: 8
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: https://github.com/SPFlow/SPFlow/issues/42 -- "importing learn_parametric crash on Windows": the structure-learning module creates its multiprocessing.Pool at import time, so every spawned pool worker re-imports the script, which imports the module again and starts a pool while still bootstrapping (RuntimeError ... bootstrapping phase); the pool keeps replacing the dying workers and the parent never returns
import sys

from r13kit.structure_learning import learn_structure


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
