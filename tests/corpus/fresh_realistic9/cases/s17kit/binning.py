"""Optimal-binning estimators, in the shape of a credit-scoring binning library."""
import logging


def _make_class_logger(name):
    # a Logger constructed directly: it is not registered with logging's manager
    log = logging.Logger(name)
    log.addHandler(logging.NullHandler())
    return log


class BaseBinning:
    def __init__(self, name, max_bins=4):
        self.name = name
        self.max_bins = max_bins
        self._class_logger = _make_class_logger(f"binning.{name}")
        self._splits = None

    def fit(self, values):
        lo, hi = min(values), max(values)
        step = (hi - lo) / self.max_bins
        self._splits = [lo + step * i for i in range(1, self.max_bins)]
        self._class_logger.info("fitted %s", self.name)
        return self


class OptimalBinning(BaseBinning):
    pass


class PicklableBinning(BaseBinning):
    """The release that fixed it: the logger is dropped on pickling and rebuilt."""

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_class_logger"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._class_logger = _make_class_logger(f"binning.{self.name}")
