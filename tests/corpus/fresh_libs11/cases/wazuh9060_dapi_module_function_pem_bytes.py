# family: args
# hazard: none
# line: none
# files: l11kit/wazuh_rbac.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/wazuh/wazuh/issues/9060 -- near miss: the shape the investigation settled on (wazuh PR #10916): a module-level function is submitted with the function name, plain keyword arguments and the key as PEM bytes; the cryptography object is built inside the worker
"""Serve a few API requests, local requests in a process pool, only plain data crossing."""
import argparse
import json
from concurrent.futures import ProcessPoolExecutor

from l11kit import wazuh_rbac

REQUESTS = [
    ("get_agents", {"select": None}),
    ("get_agent_count", {"select": "w"}),
]


class LocalRequest:
    def __init__(self, f_name, f_kwargs, pem):
        self.f_name = f_name
        self.f_kwargs = dict(f_kwargs)
        self.pem = pem

    def submit(self, pool):
        return pool.submit(wazuh_rbac.run_local, self.f_name, self.f_kwargs, self.pem)


def serve(requests, workers):
    pem = wazuh_rbac.new_signing_pem()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [LocalRequest(f, kw, pem).submit(pool) for f, kw in requests]
        return [f.result(timeout=30) for f in futures]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    responses = serve(REQUESTS, args.workers)
    print(json.dumps(responses))
    ok = all(r["signed"] for r in responses)
    print(f"RESULT={responses[1]['data']}:{ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
