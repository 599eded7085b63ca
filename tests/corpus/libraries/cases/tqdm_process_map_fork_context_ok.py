# family: tqdm
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 15
# note: False friend: the unguarded module-level process_map of tqdm_process_map_at_import, but given mp_context=multiprocessing.get_context('fork') (tqdm 4.70 hands it to its ProcessPoolExecutor): the workers are forked whatever the default, nothing re-imports the script. Modelled on https://github.com/lrcfmd/ElM2D/issues/13 and tqdm's process_map docstring (mp_context, e.g. multiprocessing.get_context('fork')).
import multiprocessing

from tqdm.contrib.concurrent import process_map


def square(x):
    return x * x


print("RESULT=" + str(process_map(square, range(6), max_workers=2, disable=True,
                                  mp_context=multiprocessing.get_context("fork"))))
