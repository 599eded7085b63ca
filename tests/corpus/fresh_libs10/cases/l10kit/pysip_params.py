"""pySIP parameters before the fix: each transform pair is a lambda made in __init__."""
import math


class Parameter:
    def __init__(self, name, value, transform="log"):
        self.name = name
        transforms = {
            "none": (lambda x: x, lambda x: x),
            "log": (lambda x: math.log(x), lambda x: math.exp(x)),
            "logit": (lambda x: math.log(x / (1 - x)), lambda x: 1 / (1 + math.exp(-x))),
        }
        self._unconstrain, self._constrain = transforms[transform]
        self.free = self._unconstrain(value)

    def constrained(self, free):
        return self._constrain(free)
