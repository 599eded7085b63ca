# family: tqdm
# hazard: process-started-at-import
# line: 14
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 15
# note: process_map called at module level of a script: spawned workers re-import it and call process_map again during bootstrap. Modelled on https://github.com/lrcfmd/ElM2D/issues/13 (RuntimeError: ... bootstrapping phase, blamed on tqdm).
from tqdm.contrib.concurrent import process_map


def square(x):
    return x * x


print("RESULT=" + str(process_map(square, range(6), max_workers=2, disable=True)))
