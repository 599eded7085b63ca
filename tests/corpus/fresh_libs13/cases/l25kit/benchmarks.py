"""dpbench-like benchmark registry: each benchmark keeps its implementation modules, loaded by name."""
import types
from dataclasses import dataclass, field

SOURCES = {
    "black_scholes": {
        "python": "def run(n):\n    return sum(i * 0.5 for i in range(n))\n",
        "numpy": "def run(n):\n    return float(sum(range(n))) * 0.5\n",
    },
    "pairwise_distance": {
        "python": "def run(n):\n    return sum(abs(i - j) for i in range(n) for j in range(n))\n",
    },
}


def _load_impl(bench, impl):
    module = types.ModuleType(f"{bench}_{impl}")
    exec(SOURCES[bench][impl], module.__dict__)
    return module


@dataclass
class Benchmark:
    name: str
    size: int = 50
    impl_mods: dict = field(default_factory=dict)

    def load_implementations(self):
        for impl in SOURCES[self.name]:
            self.impl_mods[impl] = _load_impl(self.name, impl)
        return self

    def run_impl(self, impl):
        return self.impl_mods[impl].run(self.size)


def load_benchmark(name, size=50):
    return Benchmark(name=name, size=size).load_implementations()
