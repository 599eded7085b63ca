# family: start_method
# hazard: semlock-context-mismatch
# line: 42 41 r24kit/reloader.py:14 r24kit/reloader.py:15 r24kit/native_queues.py:4
# files: r24kit/reloader.py r24kit/native_queues.py
# expect: fork=semlock_context_mismatch spawn=ok forkserver=ok
# note: https://github.com/uni-byte/Kasa-Nice/issues/1 -- "RuntimeError: A SemLock created in a fork context is being shared with a process in a spawn context" (Arch Linux, Python 3.11): ui.run(native=True, reload=True) makes the native window queues from the default (fork) context at import, and uvicorn's ChangeReload hands them to the server process it starts from a spawn context
import argparse
from dataclasses import dataclass, field

from r24kit import native_queues
from r24kit.reloader import ChangeReload


@dataclass
class ServerConfig:
    title: str
    window_size: tuple
    method_queue: object = None
    response_queue: object = None
    routes: list = field(default_factory=lambda: ["/", "/devices"])


def run_server(config):
    config.method_queue.put(("set_title", config.title))
    config.response_queue.put(len(config.routes))


def build_config(args):
    return ServerConfig(title=args.title, window_size=(args.width, args.height),
                        method_queue=native_queues.method_queue,
                        response_queue=native_queues.response_queue)


def main():
    parser = argparse.ArgumentParser(prog="kasa_main_GUI")
    parser.add_argument("--title", default="Kasa Smart")
    parser.add_argument("--width", type=int, default=1024)
    parser.add_argument("--height", type=int, default=768)
    args = parser.parse_args()
    config = build_config(args)
    supervisor = ChangeReload(target=run_server, config=config)
    exitcode = supervisor.run()
    title = native_queues.method_queue.get(timeout=5)[1] if exitcode == 0 else None
    routes = native_queues.response_queue.get(timeout=5) if exitcode == 0 else None
    print("RESULT=%s:%s" % (title, routes))


if __name__ == "__main__":
    main()
