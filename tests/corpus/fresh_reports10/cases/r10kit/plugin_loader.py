"""Plugin loading and process helper in the shape of Limnoria's plugin.py and commands.process."""
import importlib.util
import multiprocessing
import os
import sys

PLUGIN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugin_dir")


def load_plugin(name):
    """Load plugin_dir/<name>.py under the top-level module name <name> (plugin dirs are not on sys.path)."""
    path = os.path.join(PLUGIN_DIR, name.lower() + ".py")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _run_and_put(queue, target, args):
    queue.put(target(*args))


def process(target, *args, timeout=5, ctx=None):
    """Run target(*args) in a child process and return its result."""
    mp = ctx or multiprocessing
    queue = mp.Queue()
    proc = mp.Process(target=_run_and_put, args=(queue, target, args), daemon=True)
    proc.start()
    try:
        return queue.get(timeout=timeout)
    finally:
        proc.join(timeout)
