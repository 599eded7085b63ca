"""pySIP parameters after locie/pySIP#5: the transforms are module-level functions."""
import math


def _identity(x):
    return x


def _log(x):
    return math.log(x)


def _exp(x):
    return math.exp(x)


def _logit(x):
    return math.log(x / (1 - x))


def _expit(x):
    return 1 / (1 + math.exp(-x))


TRANSFORMS = {
    "none": (_identity, _identity),
    "log": (_log, _exp),
    "logit": (_logit, _expit),
}


class Parameter:
    def __init__(self, name, value, transform="log"):
        self.name = name
        self._unconstrain, self._constrain = TRANSFORMS[transform]
        self.free = self._unconstrain(value)

    def constrained(self, free):
        return self._constrain(free)
