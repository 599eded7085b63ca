"""Protein posterior computation (a triqler-like probabilistic model, much reduced)."""
import math
import warnings

_WARNING_FILTER = "default"


def init_worker(warning_filter: str) -> None:
    """Pool initializer: workers ignore SIGINT and use the requested warnings filter."""
    import signal

    global _WARNING_FILTER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warnings.filterwarnings(warning_filter)
    _WARNING_FILTER = warning_filter


def get_posteriors(quant_rows, params):
    """Posterior of 'differentially abundant' for one protein from its peptide rows."""
    diffs = [row[1] - row[0] for row in quant_rows]
    mean = sum(diffs) / len(diffs)
    scale = params["foldChangeEval"]
    return round(1.0 / (1.0 + math.exp(-(abs(mean) - scale) * 4)), 3)


def protein_table():
    return {
        "P1": [(1.0, 2.1), (1.2, 2.0)],
        "P2": [(3.0, 3.1), (2.9, 3.0)],
        "P3": [(0.5, 2.5), (0.7, 2.4)],
        "P4": [(5.0, 5.2), (5.1, 5.0)],
        "P5": [(1.0, 0.1), (1.1, 0.2)],
    }
