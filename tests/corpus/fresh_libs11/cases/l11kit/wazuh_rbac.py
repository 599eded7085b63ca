"""Wazuh-like framework functions and a module-level local-request runner (what the DAPI ends up calling)."""
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

AGENTS = {"001": "web-01", "002": "db-01", "003": "mail-01"}


def get_agents(select=None):
    names = sorted(AGENTS.values())
    return [n for n in names if select is None or n.startswith(select)]


def get_agent_count(select=None):
    return len(get_agents(select))


FUNCTIONS = {"get_agents": get_agents, "get_agent_count": get_agent_count}


def new_signing_pem():
    """A PEM-encoded private key: plain bytes, safe to hand to a worker."""
    key = ed25519.Ed25519PrivateKey.generate()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def load_signer(pem):
    return serialization.load_pem_private_key(pem, password=None)


def run_local(f_name, f_kwargs, pem):
    """Runs one framework function in the worker and signs the response there."""
    data = FUNCTIONS[f_name](**f_kwargs)
    signature = load_signer(pem).sign(repr(data).encode())
    return {"data": data, "signed": len(signature) == 64}
