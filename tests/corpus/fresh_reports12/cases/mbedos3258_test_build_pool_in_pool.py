# family: lifecycle
# hazard: daemon-children
# line: 30 r12kit/toolchains.py:25
# files: r12kit/toolchains.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# timeout: 15
# note: https://github.com/ARMmbed/mbed-os/pull/3258 -- "mbed test" built each test in a process pool and handed the same -j to build_project, whose toolchain compile_queue made its own Pool inside the pool worker: "AssertionError: daemonic processes are not allowed to have children"; here the toolchain class and its Pool live in another module
import argparse
import sys
from multiprocessing import Pool

from r12kit.toolchains import build_project

TESTS = {
    "tests-mbed_drivers-ticker": ["main.c", "ticker.c"],
    "tests-mbed_drivers-timeout": ["main.c", "timeout.c", "util.c"],
    "tests-netsocket-udp": ["main.c", "udp.c"],
}


def build_test_worker(job):
    test_id, sources, target, toolchain, jobs = job
    return test_id, build_project(sources, target, toolchain, jobs=jobs)


def build_tests(tests, target, toolchain, jobs):
    jobs_list = [(tid, srcs, target, toolchain, jobs) for tid, srcs in sorted(tests.items())]
    if jobs > 1:
        p = Pool(processes=jobs)
        results = p.map(build_test_worker, jobs_list)
        p.close()
        p.join()
    else:
        results = [build_test_worker(job) for job in jobs_list]
    return dict(results)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="mbed test")
    parser.add_argument("-m", "--mcu", default="K64F")
    parser.add_argument("-t", "--toolchain", default="GCC_ARM")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    results = build_tests(TESTS, args.mcu, args.toolchain, args.jobs)
    failed = [tid for tid, out in results.items() if out.startswith("FAIL")]
    for tid in failed:
        print(f"{tid}: {results[tid]}", file=sys.stderr)
    print(f"RESULT=failed:{len(failed)}")
    return 3 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
