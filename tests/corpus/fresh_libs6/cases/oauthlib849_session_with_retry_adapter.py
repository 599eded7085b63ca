# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/oauthlib/oauthlib/issues/849 -- the picklable variant: a plain requests Session with an HTTPAdapter(max_retries=Retry(...)) mounted and a module-level hook; Session and HTTPAdapter define __getstate__, so the session travels to the worker
import sys
from concurrent.futures import ProcessPoolExecutor

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry


def raise_for_status(r, *args, **kwargs):
    r.raise_for_status()


def make_session(token):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    session.mount("https://", HTTPAdapter(max_retries=Retry(total=3, backoff_factor=0.1)))
    session.hooks["response"].append(raise_for_status)
    return session


def plan_requests(session, ids):
    retries = session.get_adapter("https://api.example.com").max_retries.total
    return [f"GET /items/{i} retries={retries}" for i in ids]


def main():
    session = make_session("t0k3n")
    with ProcessPoolExecutor(max_workers=2) as pool:
        plan = pool.submit(plan_requests, session, [1, 2, 3]).result()
    print(f"RESULT={len(plan)}:{plan[0].split()[-1]}")


if __name__ == "__main__":
    sys.exit(main())
