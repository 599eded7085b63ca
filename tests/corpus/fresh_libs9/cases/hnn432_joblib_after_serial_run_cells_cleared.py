# family: args
# hazard: none
# line: none
# files: l9kit/hnn_network.py l9kit/nrn.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/jonescompneurolab/hnn-core/issues/432 -- the fix proposed in the thread ("We could put this in _clear_neuron_objects"): simulate_dipole clears net.cells and n_cells once a run is over, so the second, parallel run hands joblib a Network holding only parameters and cell types; each worker builds its own cells
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
    try:
        dpls = backend.simulate(net, n_trials)
    finally:
        net._clear_neuron_objects()
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
    print(f"serial run: {first['dipoles']} ({net.n_cells} cells left on the net)")
    second = simulate_dipole(net, n_trials=args.trials, backend=JoblibBackend(n_jobs=args.jobs))
    total = round(sum(second["dipoles"]), 3)
    print(f"RESULT={len(second['dipoles'])}:{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
