"""The pipeline step the runner executes (reduced from annotation_pipeline/molecular_db_local.py)."""
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

ADDUCTS = ["+H", "+Na", "+K"]


def _with_adducts(formula):
    return [formula + a for a in ADDUCTS]


def get_formulas_df(formulas, workers=2):
    with ProcessPoolExecutor(max_workers=workers) as ex:
        chunks = list(ex.map(_with_adducts, formulas))
    return [f for chunk in chunks for f in chunk]


def get_formulas_df_threads(formulas, workers=2):
    # the pool of the working variant: threads, which a daemonic process may own
    with ThreadPoolExecutor(max_workers=workers) as ex:
        chunks = list(ex.map(_with_adducts, formulas))
    return [f for chunk in chunks for f in chunk]


def build_database_local(formulas):
    return get_formulas_df(formulas)


def build_database_local_threads(formulas):
    return get_formulas_df_threads(formulas)
