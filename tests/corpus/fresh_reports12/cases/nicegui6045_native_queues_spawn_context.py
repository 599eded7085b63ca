# family: state
# hazard: none
# line: none
# files: r12kit/reloader.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 15
# note: https://github.com/zauberzeug/nicegui/pull/6045 -- the fix: the native-mode queues come from multiprocessing.get_context("spawn"), the context the reload supervisor starts the server with
import multiprocessing
import queue
import sys

from r12kit.reloader import ChangeReload, NativeConfig, ServerConfig

_SPAWN = multiprocessing.get_context("spawn")


def create_native_queues():
    method_queue = _SPAWN.Queue()
    response_queue = _SPAWN.Queue()
    return NativeConfig(method_queue=method_queue, response_queue=response_queue, title="Kasa Smart")


def run_server(config):
    """The server process: answer the window's first command."""
    try:
        command = config.native.method_queue.get(timeout=5)
    except queue.Empty:
        command = None
    config.native.response_queue.put(f"handled {command}")


def run(native=True, reload=True):
    config = ServerConfig(app="main:app")
    if native:
        config.native = create_native_queues()
        config.native.method_queue.put("get_window_size")
    if reload:
        supervisor = ChangeReload(config, target=run_server)
        exitcode = supervisor.run()
    else:
        run_server(config)
        exitcode = 0
    answer = config.native.response_queue.get(timeout=5)
    return exitcode, answer


def main():
    exitcode, answer = run(native=True, reload=True)
    print(f"RESULT={exitcode}:{answer}")
    return 0 if exitcode == 0 and answer == "handled get_window_size" else 3


if __name__ == "__main__":
    sys.exit(main())
