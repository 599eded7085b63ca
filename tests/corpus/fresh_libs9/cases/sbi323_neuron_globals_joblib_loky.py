# family: callable
# hazard: unpicklable-global-in-callable
# line: 48 l9kit/sbi_joblib.py:30
# files: l9kit/sbi_joblib.py l9kit/nrn.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/sbi-dev/sbi/pull/323 -- (from issue #317) "TypeError: HocObject: Only Vector instance can be pickled": the training script builds its NEURON section and clamp at module level and its simulator() reads them as globals; with num_workers>1 sbi hands the simulator to joblib's loky workers, and cloudpickle copies a __main__ function by value together with the globals it reads, so the hoc objects must pickle
"""Fit a one-compartment neuron model with sbi: simulations run in parallel (neuron-sbi.py)."""
import argparse
import statistics

from l9kit import nrn
from l9kit.sbi_joblib import BoxUniform, simulate_for_sbi

h = nrn.h
soma = h.Section(name="soma")
iclamp = h.IClamp(soma, amp=0.15)
v_rec = h.Vector()

SUMMARY_NAMES = ("v_max", "v_mean", "v_end")


def summarise(trace):
    return [round(max(trace), 3), round(statistics.fmean(trace), 3), round(trace[-1], 3)]


def simulator(theta_batch):
    """Run the cell once per parameter row; NEURON objects are module globals, as in the HH example."""
    out = []
    for gbar, amp in theta_batch:
        iclamp.params["amp"] = amp
        trace = nrn.integrate(soma, iclamp, gbar)
        v_rec.record(trace[-1])
        out.append(summarise(trace))
    return out


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--num-simulations", type=int, default=8)
    ap.add_argument("--num-workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    prior = BoxUniform(low=[0.05, 0.05], high=[0.5, 0.3])
    theta, x = simulate_for_sbi(
        simulator, prior, num_simulations=args.num_simulations,
        num_workers=args.num_workers, seed=args.seed,
    )
    table = dict(zip(SUMMARY_NAMES, zip(*x)))
    best = max(range(len(x)), key=lambda i: x[i][0])
    print(f"ran {len(x)} simulations; strongest response at theta={theta[best]}")
    print(f"RESULT={len(x)}:{round(sum(table['v_max']), 2)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
