# family: args
# hazard: unpicklable-argument
# line: 26
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/oauthlib/oauthlib/issues/849 -- a requests Session carrying a lambda (there OAuth2Session's self.auth = lambda r: r; here a response hook) sent to a ProcessPoolExecutor task: "Can't pickle ... <lambda>"
import sys
from concurrent.futures import ProcessPoolExecutor

import requests


def make_session(token):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    session.hooks["response"].append(lambda r, *args, **kwargs: r.raise_for_status())
    return session


def plan_requests(session, ids):
    return [f"{session.headers['Authorization'][:6]} GET /items/{i}" for i in ids]


def main():
    session = make_session("t0k3n")
    with ProcessPoolExecutor(max_workers=2) as pool:
        future = pool.submit(plan_requests, session, [1, 2, 3])
        plan = future.result()
    print(f"RESULT={len(plan)}")


if __name__ == "__main__":
    sys.exit(main())
