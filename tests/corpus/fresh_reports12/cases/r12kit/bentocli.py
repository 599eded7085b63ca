"""A bento-like command line: 'build' compiles the package's modules in a process pool."""
import argparse
import multiprocessing


def byte_compile(path):
    return path + "c"


def cmd_build(args):
    modules = [f"pkg/mod{i}.py" for i in range(args.count)]
    with multiprocessing.Pool(args.jobs) as pool:
        compiled = pool.map(byte_compile, modules)
    print(f"RESULT=built {len(compiled)}")
    return 0


COMMANDS = {"build": cmd_build}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="bentomaker")
    parser.add_argument("command", nargs="?", default="build", choices=sorted(COMMANDS))
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--count", type=int, default=4)
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args)
