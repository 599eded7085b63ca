# family: joblib
# hazard: missing-main-guard
# line: 32
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 30
# note: A notebook exported to a script: the Parallel call with backend="multiprocessing" sits at module level. Under spawn or forkserver the pool's workers re-import the script and reach the Parallel call again: "An attempt has been made to start a new process before the current process has finished its bootstrapping phase". The traceback in https://github.com/joblib/joblib/issues/1529 (Windows, a Parallel call at the top of untitled1.py, the child failing in spawn.py _fixup_main_from_path) shows the same shape; joblib's docs ask for the guard with the multiprocessing backend (https://joblib.readthedocs.io/en/stable/parallel.html).
# In[1]:
import math
import time

from joblib import Parallel, delayed

# In[2]:
PRIMES_UPTO = 2_000
CHUNKS = 4


def count_primes(lo, hi):
    found = 0
    for n in range(max(lo, 2), hi):
        if all(n % d for d in range(2, int(math.isqrt(n)) + 1)):
            found += 1
    return found


# In[3]:
bounds = [(i * PRIMES_UPTO // CHUNKS, (i + 1) * PRIMES_UPTO // CHUNKS) for i in range(CHUNKS)]
bounds

# In[4]:
started = time.perf_counter()
counts = Parallel(n_jobs=2, backend="multiprocessing")(delayed(count_primes)(lo, hi) for lo, hi in bounds)
elapsed = time.perf_counter() - started

# In[5]:
def twin_primes(upto):
    flags = [True] * upto
    flags[:2] = [False, False]
    for i in range(2, int(upto ** 0.5) + 1):
        if flags[i]:
            flags[i * i::i] = [False] * len(flags[i * i::i])
    return sum(1 for n in range(upto - 2) if flags[n] and flags[n + 2])


# In[6]:
print(f"{twin_primes(PRIMES_UPTO)} twin prime pairs")
print(f"{sum(counts)} primes below {PRIMES_UPTO} in {elapsed:.2f}s")
print("RESULT=" + str(sum(counts)))
