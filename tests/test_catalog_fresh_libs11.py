"""Catalog entries measured for fresh_libs11's blind misses (scripts/probe_pickle.py; issue 13, session 23):
cryptography's private keys (Ed25519, RSA, EC, a key loaded back from PEM: rust objects, "cannot pickle
'cryptography.hazmat.bindings._rust.openssl...PrivateKey' object"; wazuh/wazuh #9060) and dask.distributed's
Client and LocalCluster ("cannot pickle '_asyncio.Task' object"; PSLmodels/OG-Core #392). A Client is also a pool
in the boundary catalog: as a task argument it is now judged by the pickle catalog too.

Each hazard hands the object to a pool; each near miss hands what the fix hands (the PEM bytes, a plain number).
Static answers on source strings; the same programs run under fork, spawn and forkserver (skipped when the library
is not installed; the test process never imports it). The catalog holds these rows for Python 3.11 only (measured
there), which the other versions fall back to."""
import sys

import pytest
from helpers import assert_outcome, found, run_program, skip_without

POOL = """
import multiprocessing
IMPORTS


def work(value):
    return 1


if __name__ == "__main__":
    PRE
    with multiprocessing.Pool(1) as pool:
        print("RESULT=%s" % sum(pool.map(work, [SENT])))
"""

ASYM = "from cryptography.hazmat.primitives.asymmetric import ed25519, rsa, ec"
SER = "from cryptography.hazmat.primitives import serialization"
PEM = ("pem = ed25519.Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.PEM, "
       "serialization.PrivateFormat.PKCS8, serialization.NoEncryption())")
KEY_ERROR = "cannot pickle 'cryptography.hazmat.bindings._rust.openssl."

# name -> (imports, setup in the main block, what is sent, the error or None)
CASES = {
    "ed25519_generated": (ASYM, "", "ed25519.Ed25519PrivateKey.generate()", KEY_ERROR),
    "rsa_generated": (ASYM, "", "rsa.generate_private_key(public_exponent=65537, key_size=2048)", KEY_ERROR),
    "ec_generated": (ASYM, "", "ec.generate_private_key(ec.SECP256R1())", KEY_ERROR),
    "loaded_from_pem": (ASYM + "\n" + SER, PEM, "serialization.load_pem_private_key(pem, password=None)", KEY_ERROR),
    "pem_bytes": (ASYM + "\n" + SER, PEM, "pem", None),
}


def program(name: str) -> str:
    imports, pre, sent, _error = CASES[name]
    return POOL.replace("IMPORTS", imports).replace("PRE", pre or "pass").replace("SENT", sent)


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the catalog holds these rows for 3.11 (measured there)")
@pytest.mark.parametrize("name", sorted(CASES))
def test_static(name):
    hazard = CASES[name][3] is not None
    assert [f.code for f in found(program(name), "MP203")] == (["MP203"] if hazard else []), program(name)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    skip_without("cryptography")
    path = tmp_path / "prog.py"
    path.write_text(program(name))
    out = run_program(path, method, timeout=120)
    error = CASES[name][3]
    assert_outcome(out, error is not None, error, "RESULT=")


# dask.distributed: a cluster of threads in this process still serialises every task's arguments (distributed #2056)
DISTRIBUTED = """
from dask.distributed import Client


def solve(given, j):
    return j


if __name__ == "__main__":
    with Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=":0") as client:
        SETUP
        print("RESULT=%s" % client.submit(solve, SENT, 2).result())
"""

CLIENT_CASES = {  # name -> (setup, what is sent, fails)
    "client_itself": ("pass", "client", True),
    "client_in_a_dict": ("opts = {'client': client, 'n': 2}", "opts", True),
    "address_only": ("opts = {'address': client.scheduler.address}", "opts", False),
}


def client_program(name: str) -> str:
    setup, sent, _fails = CLIENT_CASES[name]
    return DISTRIBUTED.replace("SETUP", setup).replace("SENT", sent)


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the catalog holds these rows for 3.11 (measured there)")
@pytest.mark.parametrize("name", sorted(CLIENT_CASES))
def test_client_static(name):
    fails = CLIENT_CASES[name][2]
    assert [f.code for f in found(client_program(name), "MP203")] == (["MP203"] if fails else []), client_program(name)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CLIENT_CASES))
def test_client_runtime(tmp_path, name, method):
    skip_without("distributed")
    path = tmp_path / "prog.py"
    path.write_text(client_program(name))
    out = run_program(path, method, timeout=120)
    assert_outcome(out, CLIENT_CASES[name][2], ("cannot pickle '_asyncio.Task' object", "Could not serialize"),
                   "RESULT=2")
