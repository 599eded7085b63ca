"""rocketride-like code sandbox: user code runs in a child process whose captured output comes back to
the parent as one dict on a multiprocessing.Queue."""
import contextlib
import io
import multiprocessing


def _sandbox_child(code, result_queue):
    out = io.StringIO()
    exit_code = 0
    with contextlib.redirect_stdout(out):
        try:
            exec(code, {"__name__": "__sandbox__"})
        except Exception as exc:  # reported to the caller as the sandbox's stderr
            exit_code = 1
            print(type(exc).__name__, exc)
    result_queue.put({"stdout": out.getvalue(), "stderr": "", "exit_code": exit_code, "timed_out": False})


def start(code):
    """Start the sandbox process; returns it and the queue its result will arrive on."""
    result_queue = multiprocessing.Queue()
    proc = multiprocessing.Process(target=_sandbox_child, args=(code, result_queue), daemon=True)
    proc.start()
    return proc, result_queue


def timed_out(proc):
    return {"stdout": "", "stderr": "[Sandbox timed out]", "exit_code": -1, "timed_out": True}


def no_result(proc):
    return {"stdout": "", "stderr": "[Sandbox process exited without producing a result]",
            "exit_code": proc.exitcode if proc.exitcode is not None else -1, "timed_out": False}
