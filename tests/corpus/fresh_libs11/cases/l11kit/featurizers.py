"""matminer-like featurizers (hackingmaterials/matminer PR #353)."""


class BaseFeaturizer:
    def __init__(self, n_jobs=2, chunksize=None):
        self.n_jobs = n_jobs
        self.chunksize = chunksize

    def featurize(self, entry):
        raise NotImplementedError

    def featurize_wrapper(self, x, return_errors=False, ignore_errors=False):
        try:
            return self.featurize(x)
        except Exception as exc:  # noqa: BLE001
            if ignore_errors:
                return [float("nan")]
            raise exc

    def chunksize_for(self, n):
        if self.chunksize is not None:
            return self.chunksize
        chunksize, extra = divmod(n, self.n_jobs * 4)
        return chunksize + 1 if extra else max(chunksize, 1)


class ElementFraction(BaseFeaturizer):
    def featurize(self, composition):
        total = sum(composition.values())
        return [round(composition.get(el, 0) / total, 4) for el in ("Fe", "O")]
