# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: joblib #729 (https://github.com/joblib/joblib/issues/729): Parallel(delayed(self.spectral_surrogates)(...)) pickles the instance with its bound method; here the instance holds plain settings and ApiSettings built by l4kit.clients.build_settings(with_client=False) (client None), so loky ships it.
from joblib import Parallel, delayed

from l4kit.clients import build_settings


class NetworkAnalysis:
    def __init__(self, settings, api):
        self.settings = settings
        self.api = api

    def spectral_surrogates(self, data_slice, perm):
        return sum(data_slice) * (perm + 1) / len(data_slice)

    def run(self, data):
        data_slice = data[: self.settings["slice"]]
        return Parallel(n_jobs=2, verbose=0)(
            delayed(self.spectral_surrogates)(data_slice, perm)
            for perm in range(self.settings["n_perm_spec"]))


if __name__ == "__main__":
    api = build_settings({"base_url": "https://idtxl.example.invalid"}, with_client=False)
    analysis = NetworkAnalysis({"n_perm_spec": 4, "slice": 3}, api)
    print("RESULT=%.1f" % sum(analysis.run([1.0, 2.0, 3.0, 4.0])))
