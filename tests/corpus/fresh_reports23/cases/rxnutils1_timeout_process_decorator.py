# family: callable
# hazard: decorated-function-target
# line: fr23kit/timeouts.py:39 fr23kit/rxn_legacy.py:5 31
# files: fr23kit/timeouts.py fr23kit/rxn_legacy.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/MolecularAI/reaction_utils/issues/1 -- "Pickle error with timeout_decorator package": "We use timeout_decorator with multiprocessing, which on Linux uses fork to run the wrapped function while for MacOS/Windows uses spawn by default"; the decorator (functools.wraps) runs the original function in a child Process, and pickling it by name finds the wrapper ("Can't pickle <function ...>: it's not the same object as ...")
"""Clean a batch of reaction SMILES with a per-reaction time limit (reaction_utils-style pipeline step)."""
import argparse
import dataclasses

from fr23kit.rxn_legacy import sanitize_reaction


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
