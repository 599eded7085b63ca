"""A stand-in for NEURON's `from neuron import h`: hoc objects live in the C runtime and refuse pickling.

NEURON raises `TypeError: HocObject: Only Vector instance can be pickled` for every hoc object but Vector.
"""


class HocObject:
    """A section, a point process or a recording vector owned by the hoc interpreter."""

    def __init__(self, kind, name, **params):
        self.kind = kind
        self.name = name
        self.params = dict(params)
        self.values = []

    def record(self, value):
        self.values.append(value)
        return self

    def __reduce__(self):
        raise TypeError("HocObject: Only Vector instance can be pickled")

    def __repr__(self):
        return f"<hoc {self.kind} {self.name}>"


class _Interpreter:
    """The `h` namespace: factories for hoc objects."""

    def Section(self, name):
        return HocObject("Section", name, L=20.0, diam=20.0)

    def IClamp(self, section, amp=0.1):
        return HocObject("IClamp", f"{section.name}.iclamp", amp=amp)

    def Vector(self):
        return HocObject("Vector", "vec")

    def __reduce__(self):
        raise TypeError("HocObject: Only Vector instance can be pickled")


h = _Interpreter()


def integrate(section, clamp, gbar, steps=40):
    """A toy membrane integration: the voltage trace for a conductance value."""
    v = -65.0
    trace = []
    for i in range(steps):
        drive = clamp.params["amp"] * 100.0 if 5 <= i < 30 else 0.0
        v += 0.1 * (drive - gbar * (v + 65.0)) * (section.params["diam"] / 20.0)
        trace.append(v)
    return trace
