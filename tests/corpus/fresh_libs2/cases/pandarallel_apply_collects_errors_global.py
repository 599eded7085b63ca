# family: pandarallel
# hazard: child-mutates-global
# line: 21
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 60
# note: nalepae/pandarallel#95 (code moved into and out of functions around parallel_apply) combined with stackoverflow 11055303: rows that fail validation are appended to a module-level list from inside parallel_apply, and the parent's list stays empty.
"""Validate e-mail addresses in a DataFrame and collect the bad rows."""
import re
import sys

import pandas as pd
from pandarallel import pandarallel

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
BAD_ROWS = []


def check_email(row):
    ok = bool(EMAIL_RE.match(row["email"]))
    if not ok:
        BAD_ROWS.append(row["user"])
    return ok


def main():
    pandarallel.initialize(nb_workers=2, progress_bar=False, verbose=0, use_memory_fs=False)
    users = pd.DataFrame({
        "user": ["ann", "bob", "cy", "dee"],
        "email": ["ann@example.org", "bob-at-example", "cy@example.com", "dee@"],
    })
    users["valid"] = users.parallel_apply(check_email, axis=1)
    print(f"{int(users['valid'].sum())} valid addresses")
    print(f"RESULT={sorted(BAD_ROWS)}")
    if sorted(BAD_ROWS) != ["bob", "dee"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
