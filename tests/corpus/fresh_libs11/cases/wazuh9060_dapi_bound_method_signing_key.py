# family: args
# hazard: bound-method-instance-holds-cryptography-key
# line: l11kit/wazuh_dapi.py:19 l11kit/wazuh_dapi.py:11
# files: l11kit/wazuh_rbac.py l11kit/wazuh_dapi.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/wazuh/wazuh/issues/9060 -- moving the DAPI's local requests from a ThreadPoolExecutor to a ProcessPoolExecutor failed first with "Can't pickle local object 'DistributedAPI.execute_local_request.<locals>.run_local'" and, once run_local was a method, with "TypeError: cannot pickle '_cffi_backend.FFI' object": submitting the bound method sends the whole request object, which holds a cryptography object; here an Ed25519 private key (cryptography 51: "cannot pickle '...Ed25519PrivateKey' object")
"""Serve a few API requests through the distributed API, local requests in a process pool."""
import argparse
import json
from concurrent.futures import ProcessPoolExecutor

from l11kit.wazuh_dapi import DistributedAPI

REQUESTS = [
    ("get_agents", {"select": None}),
    ("get_agent_count", {"select": "w"}),
]


def serve(requests, workers):
    responses = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for f_name, f_kwargs in requests:
            dapi = DistributedAPI(f_name, f_kwargs)
            responses.append(dapi.execute_local_request(pool))
    return responses


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
