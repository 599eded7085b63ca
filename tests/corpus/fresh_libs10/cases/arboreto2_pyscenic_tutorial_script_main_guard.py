# family: guard
# hazard: none
# line: none
# files: l10kit/arboreto_core.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/aertslab/arboreto/issues/2 -- near miss: the same tutorial step with the cluster work in main() behind if __name__ == '__main__', the arrangement the distributed docs ask for
"""pySCENIC tutorial step 1 as a script, with the cluster work under the main guard (arboreto)."""
import logging

from l10kit.arboreto_core import GRNConfig, grnboost2, toy_expression

logging.getLogger("distributed").setLevel(logging.ERROR)


def main():
    ex_matrix = toy_expression()
    tf_names = ["g0", "g1"]
    config = GRNConfig(client_or_address="local", n_workers=2)
    adjacencies = grnboost2(ex_matrix, tf_names=tf_names, cfg=config)
    print(f"RESULT={adjacencies[:2]}")


if __name__ == "__main__":
    main()
