# family: mpire
# hazard: unpicklable-callable
# line: 34
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: The same kind of closure task, but the user switched mpire to `start_method="spawn"` after a fork-with-threads warning: mpire now has to pickle the task function for the spawned workers, and a nested function does not pickle ("Can't pickle local object 'main.<locals>.clean'") unless `use_dill=True`. Shape of https://github.com/python/cpython/pull/3895 (adam-kral: a local function, moved out of the main block, broke the pool) and mpire docs on use_dill (https://sybrenjansen.github.io/mpire/master/usage/workerpool/dill.html).
"""Clean and validate e-mail addresses with an mpire spawn pool."""
import re

from mpire import WorkerPool

ADDRESSES = [
    " Alice@Example.COM ",
    "bob@@example.com",
    "carol@example.org",
    "dave(at)example.net",
    "Eve@Sub.Example.co.uk",
]


def main(domain_whitelist=("example.com", "example.org", "example.co.uk")):
    pattern = re.compile(r"^[a-z0-9._%+-]+@([a-z0-9.-]+\.[a-z]{2,})$")

    def clean(address):
        address = address.strip().lower()
        match = pattern.match(address)
        if not match:
            return address, "invalid"
        domain = match.group(1)
        allowed = any(domain == d or domain.endswith("." + d) for d in domain_whitelist)
        return address, "ok" if allowed else "foreign"

    with WorkerPool(n_jobs=2, start_method="spawn") as pool:
        verdicts = pool.map(clean, ADDRESSES)
    for address, verdict in verdicts:
        print(f"{address:>28}  {verdict}")
    print("RESULT=" + str(sum(v == "ok" for _, v in verdicts)))


if __name__ == "__main__":
    main()
