# family: start_method
# hazard: none
# line: none
# files: r24kit/reloader.py r24kit/native_queues_spawn.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/zauberzeug/nicegui/pull/6045 (fixing the error of uni-byte/Kasa-Nice #1) -- the fix: the native-mode queues are made from an explicit multiprocessing.get_context('spawn'), the same context as the reload supervisor's server process
import argparse
from dataclasses import dataclass, field

from r24kit import native_queues_spawn as native_queues
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
