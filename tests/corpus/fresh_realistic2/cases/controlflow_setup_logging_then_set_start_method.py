# family: controlflow
# hazard: set-start-method-twice
# line: 27
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Shape of https://github.com/netease-youdao/QAnything/issues/283 ("RuntimeError: context has already been set" when a server started with --workers calls set_start_method after something earlier in the start-up had set it) combined with a CLI whose `configure_runtime()` already picks the method from a --start-method option: the option defaults to "spawn", configure_runtime() calls set_start_method(...), and a later `serve()` calls set_start_method("fork") again without force=True: "RuntimeError: context has already been set" under every default.
"""Small BMC-like daemon: answers power queries for a few fake VMs in worker processes.

Usage: vbmcd.py [--start-method {fork,spawn,forkserver}]
"""
import argparse
import multiprocessing

VMS = {"vm-a": "on", "vm-b": "off", "vm-c": "on"}


def answer(vm):
    return vm, VMS[vm]


def configure_runtime(args):
    multiprocessing.set_start_method(args.start_method)
    return args


def serve(vms):
    # the original daemon's line, kept when the option above was added
    multiprocessing.set_start_method("fork")
    with multiprocessing.Pool(2) as pool:
        return dict(pool.map(answer, vms))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--start-method", default="spawn", choices=["fork", "spawn", "forkserver"])
    args = configure_runtime(parser.parse_args())
    print(serve(sorted(VMS)))


if __name__ == "__main__":
    main()
