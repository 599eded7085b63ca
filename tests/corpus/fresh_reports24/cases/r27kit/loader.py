"""chemprop-like MoleculeDataLoader: builds molecule graphs in `num_workers` processes, or in-process when
num_workers is 0 (the work-round for global featurization state lost in spawned workers)."""
import multiprocessing

from r27kit import features


def _featurize_batch(smiles_batch):
    return [features.mol_to_graph(s) for s in smiles_batch]


class MoleculeDataLoader:
    def __init__(self, smiles, batch_size=4, num_workers=8):
        self.smiles = list(smiles)
        self.batch_size = batch_size
        self.num_workers = num_workers

    def _batches(self):
        return [self.smiles[i:i + self.batch_size] for i in range(0, len(self.smiles), self.batch_size)]

    def __iter__(self):
        batches = self._batches()
        if self.num_workers > 0:
            with multiprocessing.Pool(self.num_workers) as pool:
                graphs = pool.map(_featurize_batch, batches)
        else:
            graphs = [_featurize_batch(b) for b in batches]
        return iter(graphs)
