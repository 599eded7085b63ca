# family: state
# hazard: context-mismatch
# line: 39 r12kit/reloader.py:31 r12kit/reloader.py:32
# files: r12kit/reloader.py
# expect: fork=semlock_context_mismatch spawn=ok forkserver=ok
# timeout: 15
# note: https://github.com/zauberzeug/nicegui/pull/6045 -- ui.run(native=True, reload=True) raised "A SemLock created in a fork context is being shared with a process in a spawn context": native mode made its method/response queues with the default context (fork on Linux) and uvicorn's ChangeReload starts the server from a spawn context; here the queues ride in a config dataclass into another module's spawn-context reloader
import multiprocessing
import queue
import sys

from r12kit.reloader import ChangeReload, NativeConfig, ServerConfig

_SPAWN = multiprocessing.get_context("spawn")


def create_native_queues():
    method_queue = multiprocessing.Queue()
    response_queue = multiprocessing.Queue()
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
