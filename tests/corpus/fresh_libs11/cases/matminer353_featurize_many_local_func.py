# family: callable
# hazard: local-function-pool-imap-under-tqdm
# line: 23
# files: l11kit/featurizers.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/hackingmaterials/matminer/pull/353 -- for an accurate progress bar featurize_many was rewritten around tqdm(p.imap_unordered(func, entries, chunksize=...)) (ordered imap here); "I tried a lambda and a local function and both tries failed because they couldn't be pickled ... AttributeError: Can't pickle local object 'BaseFeaturizer.featurize_many.<locals>.func'"
"""Featurize compositions in parallel with a progress bar."""
from multiprocessing import Pool

from tqdm import tqdm

from l11kit.featurizers import ElementFraction


class ProgressFeaturizer(ElementFraction):
    def featurize_many(self, entries, ignore_errors=False, pbar=True):
        def func(x):
            return self.featurize_wrapper(x, ignore_errors=ignore_errors)

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
