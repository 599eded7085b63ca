# family: args
# hazard: unpicklable-argument
# line: 37
# files: l9kit/hnn_network.py l9kit/nrn.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/jonescompneurolab/hnn-core/issues/16 -- "I tried joblibs and got the 'could not pickle' error ... it's too bad that NEURON can't be pickled": trials run embarrassingly parallel with joblib, each task getting the network that the parent built (its NEURON sections included)
"""Run trials of an evoked-response model in parallel (mne-neuron's parallel trials, first attempt)."""
import argparse
import json

from joblib import Parallel, delayed

from l9kit.hnn_network import network_from_params, simulate_trial

PARAMS_JSON = '{"n_pyr": 4, "n_basket": 2, "w_pyr": 1.2, "w_basket": -0.4, "seed": 11}'


def load_params(text):
    params = json.loads(text)
    params.setdefault("tstop", 170.0)
    return params


def run_trial(net, trial_idx):
    return trial_idx, simulate_trial(net, trial_idx)


def average_dipoles(results):
    values = [dpl for _, dpl in sorted(results)]
    return round(sum(values) / len(values), 4), values


def run_trials(params, n_trials, n_jobs):
    net = network_from_params(params)
    net._build()
    print(f"built {net.n_cells} cells in the parent")
    results = Parallel(n_jobs=n_jobs)(delayed(run_trial)(net, idx) for idx in range(n_trials))
    return average_dipoles(results)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--trials", type=int, default=4)
    ap.add_argument("--n-jobs", type=int, default=2)
    args = ap.parse_args(argv)
    mean, values = run_trials(load_params(PARAMS_JSON), args.trials, args.n_jobs)
    print(f"dipoles per trial: {values}")
    print(f"RESULT={len(values)}:{mean}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
