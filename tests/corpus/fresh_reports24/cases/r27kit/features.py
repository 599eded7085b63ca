"""chemprop-like featurization: the atom feature size is module state that the training CLI sets from its
arguments (`--atom_descriptors_size`) before any molecule is featurized."""

BASE_ATOM_FDIM = 133
EXTRA_ATOM_FDIM = 0


def set_extra_atom_fdim(extra):
    """Called once by the CLI when custom atom descriptors are appended to the default features."""
    global EXTRA_ATOM_FDIM
    EXTRA_ATOM_FDIM = extra


def get_atom_fdim():
    return BASE_ATOM_FDIM + EXTRA_ATOM_FDIM


def mol_to_graph(smiles):
    """One feature vector per heavy atom (letters of the SMILES string stand in for atoms)."""
    atoms = [c for c in smiles if c.isalpha()]
    fdim = get_atom_fdim()
    return [[float(i == j % fdim) for i in range(fdim)] for j, _ in enumerate(atoms)]
