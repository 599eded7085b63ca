# family: args
# hazard: unpicklable-argument
# line: 40 48
# files: s17kit/pipeline.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/armijnhemel/binaryanalysis-ng/issues/388 -- "pickle.PicklingError: Can't pickle local object" on Python 3.14 (forkserver default) at `bang scan`: the CLI builds a scan pipeline with make_scan_pipeline() from another module, which returns a nested function, and hands it to every worker Process in args next to a ScanEnvironment
import argparse
import multiprocessing
import sys
from dataclasses import dataclass, field

from s17kit.pipeline import make_scan_pipeline, process_jobs


@dataclass
class ScanEnvironment:
    unpack_directory: str
    job_wait_time: int = 1
    scan_queue: object = None
    result_queue: object = None
    parsers: list = field(default_factory=list)


def build_parser():
    parser = argparse.ArgumentParser(prog="bang")
    sub = parser.add_subparsers(dest="command", required=True)
    scan = sub.add_parser("scan", help="Scan a file")
    scan.add_argument("-j", "--jobs", type=int, default=2)
    scan.add_argument("-u", "--unpack-directory", default="/tmp")
    scan.add_argument("paths", nargs="*", default=["alpha", "beta\x01", "gamma"])
    return parser


def scan(args):
    env = ScanEnvironment(unpack_directory=args.unpack_directory)
    env.scan_queue = multiprocessing.Queue()
    env.result_queue = multiprocessing.Queue()
    scan_pipeline = make_scan_pipeline()

    processes = [multiprocessing.Process(target=process_jobs, args=(scan_pipeline, env))
                 for _ in range(args.jobs)]
    for path in args.paths:
        env.scan_queue.put(path)
    for _ in processes:
        env.scan_queue.put(None)

    for p in processes:
        p.start()
    results = dict(env.result_queue.get(timeout=10) for _ in args.paths)
    for p in processes:
        p.join()
    for path in sorted(results):
        print(path.encode().hex(), results[path]["size"], results[path]["text"])
    return 0


COMMANDS = {"scan": scan}

if __name__ == "__main__":
    arguments = build_parser().parse_args(sys.argv[1:] or ["scan"])
    sys.exit(COMMANDS[arguments.command](arguments))
