# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/paramiko/paramiko/issues/617 -- fixed in paramiko #679 with a __reduce__ that rebuilds the error from its errors mapping; the Pool then re-raises it in the parent
import multiprocessing
import socket
import sys

from r7kit.errors import PicklableNoValidConnectionsError

UNREACHABLE = {"10.0.0.7"}


def probe(host):
    if host in UNREACHABLE:
        errors = {(host, 22): socket.timeout("timed out")}
        raise PicklableNoValidConnectionsError(errors)
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
    except PicklableNoValidConnectionsError as exc:
        print(f"RESULT=unreachable:{sorted(exc.errors)}")
        sys.exit(0)
    print(f"RESULT={len(banners)}")
    sys.exit(3)


if __name__ == "__main__":
    main()
