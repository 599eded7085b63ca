# family: args
# hazard: none
# line: none
# files: r7kit/timeouts.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/bitranox/wrapt_timeout_decorator/issues/10 -- the maintainer's advice: narrow what runs under the timeout and hand it only plain values; the timed function builds its own SSLContext from a verify flag
import ssl
import sys

from r7kit.timeouts import call_with_timeout


def make_tls_context(verify=True):
    context = ssl.create_default_context()
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def test_starttls(hostname, verify):
    context = make_tls_context(verify)
    # a real check would connect to port 25 and call starttls(context=context)
    return {"hostname": hostname, "tls": context.verify_mode == ssl.CERT_REQUIRED}


def check_mx_hosts(hosts, verify=True):
    results = []
    for host in hosts:
        results.append(call_with_timeout(test_starttls, args=(host, verify), seconds=10))
    return results


def main():
    results = check_mx_hosts(["mx1.example.com", "mx2.example.com"])
    ok = [r["hostname"] for r in results if r["tls"]]
    print("RESULT=" + ",".join(ok))
    sys.exit(0 if len(ok) == 2 else 3)


if __name__ == "__main__":
    main()
