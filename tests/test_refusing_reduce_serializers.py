"""Pickle's own algorithm for a class whose pickling method always raises (fresh_libs9: NEURON's hoc objects in
sbi #323 and hnn-core #16, tiktoken's CoreBPE in LlamaFactory #328). pickle, cloudpickle and dill all call
`obj.__reduce_ex__(protocol)` for an instance, which (unless overridden) calls `__reduce__`, then `__getstate__`:
when the first of these the class defines ends in `raise` on every path, every serializer refuses the object,
wherever it travels: a joblib (cloudpickle) task's argument, a script global a cloudpickle task reads (also when
another project module's helper, or a helper that helper calls, sends the task), a dill closure cell, an attribute
a method called on an imported object fills (`net._build()` putting sections in `self.cells[name]`). Near misses:
a `__reduce__` that returns, a `__getstate__` that drops the refused field, the filling undone by a reset method,
the object built in the worker. Proven under fork, spawn and forkserver with programs of the same shapes."""
import sys

import pytest
from helpers import assert_outcome, found, run_program, skip_without

from test_semantic_crossmodule import findings, project

REFUSING = '''
    class Handle:
        def __init__(self, name):
            self.name = name

        def read(self, x):
            return x + len(self.name)

        def __reduce__(self):
            raise TypeError("Handle: device handles cannot be pickled")
'''


def _joblib_argument(cls_text):
    return cls_text + '''

    from joblib import Parallel, delayed


    def work(handle, i):
        return handle.read(i)


    def main():
        handle = Handle("dev0")
        return Parallel(n_jobs=2)(delayed(work)(handle, i) for i in range(3))


    if __name__ == "__main__":
        main()
'''


def test_a_refusing_reduce_is_refused_by_cloudpickle_with_its_text():
    (finding,) = found(_joblib_argument(REFUSING), "MP203")
    assert "Handle.__reduce__ only raises" in finding.message
    assert "TypeError: Handle: device handles cannot be pickled" in finding.message


@pytest.mark.parametrize("body", [
    # the message built first
    '''
        def __getstate__(self):
            msg = "Handle " + self.name + " is owned by the driver"
            raise RuntimeError(msg)
    ''',
    # every branch raises
    '''
        def __reduce_ex__(self, protocol):
            if protocol > 2:
                raise TypeError("no pickling at any protocol")
            else:
                raise TypeError("no pickling")
    ''',
])
def test_every_path_ending_in_raise_refuses(body):
    cls = REFUSING.replace('''
        def __reduce__(self):
            raise TypeError("Handle: device handles cannot be pickled")
''', body)
    (finding,) = found(_joblib_argument(cls), "MP203")
    assert "only raises" in finding.message


@pytest.mark.parametrize("body", [
    # a __reduce__ that returns on one path
    '''
        def __reduce__(self):
            if not self.name:
                raise TypeError("an unnamed handle cannot be pickled")
            return (Handle, (self.name,))
    ''',
    # a __getstate__ that raises, never asked: pickle calls the class's own __reduce__ first
    '''
        def __getstate__(self):
            raise TypeError("never asked")

        def __reduce__(self):
            return (Handle, (self.name,))
    ''',
    # a __getstate__ that drops what it cannot pickle
    '''
        def __getstate__(self):
            state = dict(self.__dict__)
            state.pop("name", None)
            return state
    ''',
])
def test_near_misses_a_reduce_that_returns(body):
    cls = REFUSING.replace('''
        def __reduce__(self):
            raise TypeError("Handle: device handles cannot be pickled")
''', body)
    assert found(_joblib_argument(cls), "MP203") == []


def test_a_dill_pool_argument_is_refused_too():
    src = REFUSING + '''

    from multiprocess import Pool


    def work(handle):
        return handle.read(1)


    if __name__ == "__main__":
        with Pool(2) as pool:
            pool.map(work, [Handle("dev0")])
    '''
    (finding,) = found(src, "MP203")
    assert "only raises" in finding.message


# --- another project module: a singleton's method makes the refusing object, a helper of a helper sends the task

DEVICE = '''
    """A driver: its handles live in the C runtime."""


    class Probe:
        def __init__(self, channel, gain=1.0):
            self.channel = channel
            self.gain = gain

        def sample(self, x):
            return round(self.gain * x + len(self.channel), 3)

        def __reduce__(self):
            raise TypeError("Probe: driver handles cannot be pickled")


    class _Bus:
        def open(self, channel, gain=1.0):
            return Probe(channel, gain)


    bus = _Bus()
'''

RUNNER = '''
    from joblib import Parallel, delayed


    def _chunks(items, size):
        return [items[i:i + size] for i in range(0, len(items), size)]


    def _run_chunks(fn, items, n_jobs):
        if n_jobs == 1:
            return [fn(c) for c in _chunks(items, 2)]
        return Parallel(n_jobs=n_jobs)(delayed(fn)(c) for c in _chunks(items, 2))


    def sweep(fn, items, n_jobs=1):
        out = _run_chunks(fn, items, n_jobs)
        return [x for chunk in out for x in chunk]
'''

SCRIPT_GLOBAL = '''
    from labkit import device
    from labkit.runner import sweep

    probe = device.bus.open("ch0", gain=0.5)


    def measure(chunk):
        return [probe.sample(x) for x in chunk]


    def main():
        values = sweep(measure, list(range(6)), n_jobs=2)
        print(f"RESULT={len(values)}:{sum(values)}")


    if __name__ == "__main__":
        main()
'''

SCRIPT_IN_WORKER = '''
    from labkit import device
    from labkit.runner import sweep


    def measure(chunk):
        probe = device.bus.open("ch0", gain=0.5)
        return [probe.sample(x) for x in chunk]


    def main():
        values = sweep(measure, list(range(6)), n_jobs=2)
        print(f"RESULT={len(values)}:{sum(values)}")


    if __name__ == "__main__":
        main()
'''


def _lab(tmp_path, script, **extra):
    return project(tmp_path, {"labkit/__init__.py": "", "labkit/device.py": DEVICE, "labkit/runner.py": RUNNER,
                              "main.py": script, **extra})


def test_a_script_global_read_by_a_task_a_helper_of_a_helper_sends(tmp_path):
    root = _lab(tmp_path, SCRIPT_GLOBAL)
    (finding,) = findings(root / "main.py", "MP421")
    assert "`probe`" in finding.message and "Probe.__reduce__ only raises" in finding.message
    assert "TypeError: Probe: driver handles cannot be pickled" in finding.message
    assert finding.start.row == 13  # the call of sweep()


def test_near_miss_the_object_made_in_the_worker(tmp_path):
    root = _lab(tmp_path, SCRIPT_IN_WORKER)
    assert findings(root / "main.py") == []


def test_a_pickle_task_forwarded_within_the_helper_module(tmp_path):
    helper = '''
        import multiprocessing as mp


        def _map(fn, items):
            with mp.Pool(2) as pool:
                return pool.map(fn, items)


        def run_all(fn, items):
            return _map(fn, items)
    '''
    caller = '''
        from kit.pools import run_all


        def main():
            print(run_all(lambda x: x + 1, [1, 2]))


        if __name__ == "__main__":
            main()
    '''
    root = project(tmp_path, {"kit/__init__.py": "", "kit/pools.py": helper, "main.py": caller})
    (finding,) = findings(root / "main.py", "MP201")
    assert "kit.pools.run_all()" in finding.message and "lambda" in finding.message


# --- an imported object whose method, called here, fills a container attribute with refusing objects

CIRCUIT = '''
    from dataclasses import dataclass, field

    from labkit import device


    @dataclass
    class Circuit:
        spec: dict
        wires: dict = field(default_factory=dict)

        def wire(self):
            for name, n in self.spec["groups"].items():
                self.wires[name] = [device.bus.open(f"{name}{i}") for i in range(n)]

        def reset(self):
            self.wires = {}


    def make_circuit(spec):
        return Circuit(spec=dict(spec))


    def score(circuit, trial):
        if not circuit.wires:
            circuit.wire()
        return sum(p.sample(trial) for probes in circuit.wires.values() for p in probes)
'''

TRIALS = '''
    from joblib import Parallel, delayed

    from labkit.circuit import make_circuit, score

    SPEC = {"groups": {"a": 2, "b": 1}}


    def main():
        circuit = make_circuit(SPEC)
        circuit.wire()
        print(f"wired {len(circuit.wires)} groups in the parent")
        {reset}
        values = Parallel(n_jobs=2)(delayed(score)(circuit, t) for t in range(4))
        print(f"RESULT={len(values)}:{round(sum(values), 3)}")


    if __name__ == "__main__":
        main()
'''


def test_a_container_attribute_filled_by_a_method_called_here(tmp_path):
    root = _lab(tmp_path, TRIALS.replace("{reset}", "pass"), **{"labkit/circuit.py": CIRCUIT})
    (finding,) = findings(root / "main.py", "MP203")
    assert ".wires its .wire() (called here)" in finding.message and "Probe.__reduce__ only raises" in finding.message


@pytest.mark.parametrize("change", ["reset", "not called"])
def test_near_misses_reset_or_not_filled_here(tmp_path, change):
    script = TRIALS.replace("{reset}", "circuit.reset()") if change == "reset" \
        else TRIALS.replace("{reset}", "pass").replace("        circuit.wire()\n", "")
    root = _lab(tmp_path, script, **{"labkit/circuit.py": CIRCUIT})
    assert findings(root / "main.py", "MP203") == []


# --- runtime: the same shapes under every start method

def _run(base, method):
    return run_program(base / "main.py", method, timeout=120, cwd=base)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    skip_without("joblib")
    if method == "forkserver" and sys.platform == "win32":
        pytest.skip("no forkserver")
    refused = ("Probe: driver handles cannot be pickled", "Could not pickle the task")
    cases = [
        (_lab(tmp_path / "global", SCRIPT_GLOBAL), True, "RESULT=6:"),
        (_lab(tmp_path / "inworker", SCRIPT_IN_WORKER), False, "RESULT=6:"),
        (_lab(tmp_path / "filled", TRIALS.replace("{reset}", "pass"), **{"labkit/circuit.py": CIRCUIT}), True, ""),
        (_lab(tmp_path / "reset", TRIALS.replace("{reset}", "circuit.reset()"), **{"labkit/circuit.py": CIRCUIT}),
         False, "RESULT=4:"),
    ]
    for base, fails, printed in cases:
        assert_outcome(_run(base, method), fails, refused, printed)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_dill_pool(tmp_path, method):
    skip_without("multiprocess")
    src = REFUSING + '''

    from multiprocess import Pool


    def work(handle):
        return handle.read(1)


    if __name__ == "__main__":
        with Pool(2) as pool:
            print("RESULT=%s" % pool.map(work, [Handle("dev0")]))
    '''
    root = project(tmp_path, {"main.py": src})
    assert_outcome(_run(root, method), True, "Handle: device handles cannot be pickled", "")
