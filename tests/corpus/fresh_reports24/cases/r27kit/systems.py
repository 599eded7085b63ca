"""PLINDER-like system entries: a system id names a PDB entry and its ligand chain."""


def load_entry(system_id):
    pdb_id, _, chain = system_id.partition("__")
    return {"system_id": system_id, "pdb_id": pdb_id, "ligand_chain": chain,
            "n_atoms": sum(ord(c) for c in system_id) % 500 + 20}


TRAIN = ["1abc__A", "2xyz__B", "3def__C", "4ghi__A"]
VAL = ["5jkl__B", "6mno__A"]
