# family: callable
# hazard: none
# line: none
# files: l11kit/featurizers.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/hackingmaterials/matminer/pull/353 -- near miss: as the reviewer accepted ("I'd be fine with leaving this as a class method"), the task is the bound method featurize_wrapper (with functools.partial for its flags); the featurizer holds only plain attributes, so it pickles
"""Featurize compositions in parallel with a progress bar."""
import functools
from multiprocessing import Pool

from tqdm import tqdm

from l11kit.featurizers import ElementFraction


class ProgressFeaturizer(ElementFraction):
    def featurize_many(self, entries, ignore_errors=False, pbar=True):
        func = functools.partial(self.featurize_wrapper, ignore_errors=ignore_errors)
        results = []
        with Pool(self.n_jobs) as p:
            chunksize = self.chunksize_for(len(entries))
            for result in tqdm(p.imap(func, entries, chunksize=chunksize),
                               total=len(entries), disable=not pbar):
                results.append(result)
        return results


if __name__ == "__main__":
    comps = [{"Fe": 2, "O": 3}, {"Fe": 1, "O": 1}, {"Fe": 3, "O": 4}, {"O": 2}]
    feats = ProgressFeaturizer(n_jobs=2).featurize_many(comps, pbar=False)
    print(f"RESULT={feats}")
