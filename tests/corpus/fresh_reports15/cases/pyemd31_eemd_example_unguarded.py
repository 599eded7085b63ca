# family: guard
# hazard: unguarded-pool-user
# line: 19
# files: r15kit/emd.py
# timeout: 15
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: https://github.com/laszukdawid/PyEMD/issues/31 -- "RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase" on Windows from the README-style script "eemd = EEMD(); eIMFs = eemd(s)" written at module level: EEMD runs its trials in a multiprocessing Pool, and every spawned worker re-imports the script and calls EEMD again
import math
import sys

from r15kit.emd import EEMD

# a two-tone test signal, as in the README example
N = 64
signal = [math.sin(2 * math.pi * 3 * t / N) + 0.5 * math.sin(2 * math.pi * 11 * t / N)
          for t in range(N)]

eemd = EEMD(trials=8, max_imf=2)
eIMFs = eemd(signal)

reconstructed = [sum(imf[j] for imf in eIMFs) for j in range(N)]
error = max(abs(r - s) for r, s in zip(reconstructed, signal))
print(f"RESULT={len(eIMFs)}:{error < 0.2}")
sys.exit(0 if len(eIMFs) == 3 and error < 0.2 else 3)
