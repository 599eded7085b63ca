# family: daemon
# hazard: daemon-children
# line: 17
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/ucsb-seclab/sailfish/issues/6 -- find_feasible_paths() makes `multiprocessing.Manager().dict()`, and analyze_contracts() runs it inside Pool workers, so starting the manager's server process raises "daemonic processes are not allowed to have children"
import multiprocessing
import sys
from multiprocessing import Pool

CONTRACTS = {
    "Token": [("transfer", "balance"), ("approve", "allowance")],
    "Vault": [("withdraw", "balance"), ("deposit", "balance")],
}


def find_feasible_paths(contract, edges):
    functions_to_symexec = multiprocessing.Manager().dict()
    for function, state in edges:
        functions_to_symexec.setdefault(state, [])
        functions_to_symexec[state] = functions_to_symexec[state] + [function]
    return {state: sorted(fns) for state, fns in functions_to_symexec.items()}


def analyze_contract(name):
    return name, find_feasible_paths(name, CONTRACTS[name])


def analyze_contracts(names, jobs=2):
    with Pool(jobs) as pool:
        return dict(pool.map(analyze_contract, names))


if __name__ == "__main__":
    report = analyze_contracts(sorted(CONTRACTS))
    print(f"RESULT={sorted(report['Vault'])}")
    if report["Vault"] != {"balance": ["deposit", "withdraw"]}:
        sys.exit(3)
