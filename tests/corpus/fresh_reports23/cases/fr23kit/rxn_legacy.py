"""reaction_utils-like reaction cleaning, guarded by the process-based timeout (use_signals=False)."""
from fr23kit.timeouts import timeout


@timeout(5, use_signals=False)
def sanitize_reaction(smiles):
    reactants, _, products = smiles.partition(">>")
    parts = sorted(p for p in reactants.split(".") if p)
    return ".".join(parts) + ">>" + products.strip()
