# family: callable
# hazard: none
# line: none
# files: fr23kit/timeouts.py fr23kit/rxn.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/MolecularAI/reaction_utils/issues/1 -- the other way the thread describes ("relies only on build-in libraries, multiprocessing and signal for the two different ways ... The approach using signal seems to only work on Linux like systems"): the same step with the signal-based timeout, so no child process and nothing is pickled
"""Clean a batch of reaction SMILES with a per-reaction time limit (reaction_utils-style pipeline step)."""
import argparse
import dataclasses

from fr23kit.rxn import sanitize_reaction


@dataclasses.dataclass
class PipelineReport:
    cleaned: list = dataclasses.field(default_factory=list)
    failed: list = dataclasses.field(default_factory=list)


REACTIONS = [
    "CCO.CC(=O)O>>CCOC(C)=O",
    "c1ccccc1.BrBr>>Brc1ccccc1",
    "CN.O=C(Cl)c1ccccc1>>CNC(=O)c1ccccc1",
]


def clean_reactions(smiles_list):
    report = PipelineReport()
    for smiles in smiles_list:
        try:
            report.cleaned.append(sanitize_reaction(smiles))
        except TimeoutError:
            report.failed.append(smiles)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=len(REACTIONS))
    args = parser.parse_args()
    report = clean_reactions(REACTIONS[:args.limit])
    print(f"RESULT=cleaned={len(report.cleaned)} failed={len(report.failed)}")


if __name__ == "__main__":
    main()
