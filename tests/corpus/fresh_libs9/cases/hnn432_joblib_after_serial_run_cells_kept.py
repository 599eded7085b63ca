# family: args
# hazard: unpicklable-attribute-after-run
# line: 32 53
# files: l9kit/hnn_network.py l9kit/nrn.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/jonescompneurolab/hnn-core/issues/432 -- "Pickling error with simulate_dipole": a first simulation on the Network object builds its NEURON cells into net.cells and leaves them there; a second simulate_dipole on the same net with the JoblibBackend hands net to joblib's workers, which must pickle the cells ("Turns out JoblibBackend also throws a pickling error")
"""Compare a serial and a parallel evoked-response simulation of the same network."""
import argparse

from joblib import Parallel, delayed

from l9kit.hnn_network import network_from_params, simulate_trial

DEFAULT_PARAMS = {"n_pyr": 3, "n_basket": 2, "w_pyr": 1.0, "w_basket": -0.5, "seed": 3}


class SerialBackend:
    name = "serial"

    def simulate(self, net, n_trials):
        return [simulate_trial(net, t) for t in range(n_trials)]


class JoblibBackend:
    name = "joblib"

    def __init__(self, n_jobs=2):
        self.n_jobs = n_jobs

    def simulate(self, net, n_trials):
        parallel = Parallel(n_jobs=self.n_jobs)
        return parallel(delayed(simulate_trial)(net, t) for t in range(n_trials))


def simulate_dipole(net, n_trials=1, backend=None):
    backend = backend or SerialBackend()
    dpls = backend.simulate(net, n_trials)
    return {"backend": backend.name, "dipoles": dpls}


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--trials", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    net = network_from_params(DEFAULT_PARAMS)
    first = simulate_dipole(net, n_trials=1)
    print(f"serial run: {first['dipoles']} ({net.n_cells} cells built)")
    second = simulate_dipole(net, n_trials=args.trials, backend=JoblibBackend(n_jobs=args.jobs))
    total = round(sum(second["dipoles"]), 3)
    print(f"RESULT={len(second['dipoles'])}:{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
