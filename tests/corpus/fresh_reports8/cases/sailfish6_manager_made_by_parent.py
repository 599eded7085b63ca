# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ucsb-seclab/sailfish/issues/6 -- the manager started once by the parent, which hands each Pool task a proxy of one shared dict (proxies pickle and reconnect in the workers), so no worker starts a process
import multiprocessing
import sys
from multiprocessing import Pool

CONTRACTS = {
    "Token": [("transfer", "balance"), ("approve", "allowance")],
    "Vault": [("withdraw", "balance"), ("deposit", "balance")],
}


def find_feasible_paths(contract, edges, functions_to_symexec):
    found = {}
    for function, state in edges:
        found.setdefault(state, []).append(function)
    functions_to_symexec[contract] = {state: sorted(fns) for state, fns in found.items()}
    return contract


def analyze_contract(name, shared):
    return find_feasible_paths(name, CONTRACTS[name], shared)


def analyze_contracts(names, jobs=2):
    with multiprocessing.Manager() as manager:
        shared = manager.dict()
        with Pool(jobs) as pool:
            pool.starmap(analyze_contract, [(name, shared) for name in names])
        return dict(shared)


if __name__ == "__main__":
    report = analyze_contracts(sorted(CONTRACTS))
    print(f"RESULT={sorted(report['Vault'])}")
    if report["Vault"] != {"balance": ["deposit", "withdraw"]}:
        sys.exit(3)
