# family: guard
# hazard: none
# line: none
# files: s18kit/symplectic_fork.py s18kit/pauli.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/qmatter-labs/symmer/issues/149 -- the second fix proposed in the issue: the library forces the fork context, `mp.get_context("fork").Pool(...)`, so its workers never re-import the calling script and the unguarded notebook script works (on Linux and macOS; not on Windows)
"""Notebook 2.2 exported as a script: group a Hamiltonian's terms into commuting sets."""
from dataclasses import dataclass, field

from s18kit.symplectic_fork import adjacency_matrix

# %% Hamiltonian of a small molecule in the qubit picture
H = {
    "IIZZ": 0.17, "ZZII": 0.17, "IZIZ": 0.12, "ZIZI": 0.12, "XXYY": -0.045,
    "YYXX": -0.045, "XYYX": 0.045, "YXXY": 0.045, "ZIII": -0.22, "IIIZ": -0.22,
}


@dataclass
class Grouping:
    groups: list = field(default_factory=list)

    def add(self, term, adjacency, index):
        for group in self.groups:
            if all(adjacency[index][j] for j in group):
                group.append(index)
                return
        self.groups.append([index])


# %% commutation graph, computed in parallel
terms = sorted(H)
adj = adjacency_matrix(terms, processes=2)

# %% greedy colouring into commuting groups
grouping = Grouping()
for i, term in enumerate(terms):
    grouping.add(term, adj, i)

# %% measurement budget: one circuit per group, shots shared by coefficient weight
total_weight = sum(abs(c) for c in H.values())
shots = {}
for k, group in enumerate(grouping.groups):
    weight = sum(abs(H[terms[i]]) for i in group)
    shots[k] = max(1, round(10000 * weight / total_weight))


def group_label(group):
    return "+".join(terms[i] for i in group)


for k, group in enumerate(grouping.groups):
    print(group_label(group), shots[k])
print("RESULT=%d" % len(grouping.groups))
