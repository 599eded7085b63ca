# family: pandarallel
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# win32: bootstrap_error
# note: An unguarded script: pandarallel forks its workers on Linux and macOS whatever multiprocessing's default, so nothing is re-imported there; on Windows it spawns and the script fails with the bootstrapping RuntimeError (observed on Linux by setting pandarallel.core.CONTEXT to a spawn context, as https://github.com/nalepae/pandarallel/issues/72 does). Modelled on https://github.com/nalepae/pandarallel/issues/81 (initialize() at module level).
import math

import pandas as pd
from pandarallel import pandarallel

pandarallel.initialize(nb_workers=2, progress_bar=False, verbose=0)


def func(x):
    return math.sin(x.a ** 2) + math.sin(x.b ** 2)


df = pd.DataFrame({"a": range(1, 21), "b": range(20)})
res = df.parallel_apply(func, axis=1)
print("RESULT=" + str(round(float(res.sum()), 6)))
