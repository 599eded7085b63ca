"""reaction_utils-like reaction cleaning with the signal-based timeout (Linux-like systems)."""
from fr23kit.timeouts import timeout


@timeout(5, use_signals=True)
def sanitize_reaction(smiles):
    reactants, _, products = smiles.partition(">>")
    parts = sorted(p for p in reactants.split(".") if p)
    return ".".join(parts) + ">>" + products.strip()
