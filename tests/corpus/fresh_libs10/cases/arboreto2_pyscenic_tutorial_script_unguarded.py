# family: guard
# hazard: unguarded-distributed-local-cluster
# line: 18 l10kit/arboreto_core.py:22
# files: l10kit/arboreto_core.py
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/aertslab/arboreto/issues/2 -- 'RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase.' when the pySCENIC tutorial script calls grnboost2 at top level: with client_or_address='local' (a dataclass field here) arboreto builds a dask.distributed LocalCluster, whose nanny processes are spawned and re-run the script
"""pySCENIC tutorial step 1 run as a script: infer co-expression modules with grnboost2 (arboreto)."""
import logging

from l10kit.arboreto_core import GRNConfig, grnboost2, toy_expression

logging.getLogger("distributed").setLevel(logging.ERROR)

ex_matrix = toy_expression()
tf_names = ["g0", "g1"]
config = GRNConfig(client_or_address="local", n_workers=2)

adjacencies = grnboost2(ex_matrix, tf_names=tf_names, cfg=config)
print(f"RESULT={adjacencies[:2]}")
