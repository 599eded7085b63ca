# family: futures
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: a script that fills a module-level lookup table under the main guard and reads it in ProcessPoolExecutor workers, but pins `mp_context=multiprocessing.get_context("fork")`: forked workers inherit the filled table, so the result is right under every default (Linux only; fork does not exist on Windows). The fix named in https://github.com/dfm/emcee/issues/335 (a data global plus a pool; `get_context('fork').Pool` as the workaround) and in the BiG-SCAPE fix (https://github.com/medema-group/BiG-SCAPE/pull/15: set_start_method("fork")).
"""Annotate gene IDs with names from a table loaded at start-up."""
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor

GENE_NAMES = {}

TABLE = """\
ENSG01\tTP53
ENSG02\tBRCA1
ENSG03\tEGFR
ENSG04\tMYC
"""


def load_table(text):
    for line in text.splitlines():
        gene_id, name = line.split("\t")
        GENE_NAMES[gene_id] = name


def annotate(gene_id):
    return gene_id, GENE_NAMES.get(gene_id, "?")


def main(ids):
    load_table(TABLE)
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        rows = list(pool.map(annotate, ids))
    unknown = [g for g, name in rows if name == "?"]
    for gene_id, name in rows:
        print(f"{gene_id}\t{name}")
    print("RESULT=" + str(len(unknown)))
    return 3 if len(unknown) != 1 else 0


if __name__ == "__main__":
    sys.exit(main(["ENSG01", "ENSG03", "ENSG99", "ENSG04"]))
