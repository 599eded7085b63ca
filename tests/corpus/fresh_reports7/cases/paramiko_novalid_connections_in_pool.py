# family: results
# hazard: unpicklable-exception
# line: 19
# timeout: 8
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: https://github.com/paramiko/paramiko/issues/617 -- NoValidConnectionsError(errors) passes (None, msg) to socket.error, so unpickling calls __init__ with two arguments ("takes exactly 2 arguments (3 given)"); raised in a Pool worker, the parent's result handler dies
import multiprocessing
import socket
import sys

from r7kit.errors import NoValidConnectionsError

UNREACHABLE = {"10.0.0.7"}


def probe(host):
    if host in UNREACHABLE:
        errors = {(host, 22): socket.timeout("timed out")}
        raise NoValidConnectionsError(errors)
    return host, "SSH-2.0-OpenSSH_9.6"


def collect_banners(hosts, processes=2):
    pool = multiprocessing.Pool(processes)
    try:
        return pool.map(probe, hosts)
    finally:
        pool.terminate()


def main():
    try:
        banners = collect_banners(["10.0.0.5", "10.0.0.6", "10.0.0.7"])
    except NoValidConnectionsError as exc:
        print(f"RESULT=unreachable:{sorted(exc.errors)}")
        sys.exit(0)
    print(f"RESULT={len(banners)}")
    sys.exit(3)


if __name__ == "__main__":
    main()
