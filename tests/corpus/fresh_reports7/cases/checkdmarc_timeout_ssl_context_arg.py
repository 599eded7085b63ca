# family: args
# hazard: unpicklable-argument
# line: 30 r7kit/timeouts.py:16
# files: r7kit/timeouts.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/bitranox/wrapt_timeout_decorator/issues/10 -- checkdmarc ran its lookups under a timeout helper that runs the call in a child process; passing a prepared SSLContext to the timed function failed on Windows with "can't pickle SSLContext objects"
import ssl
import sys

from r7kit.timeouts import call_with_timeout


def make_tls_context(verify=True):
    context = ssl.create_default_context()
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def test_starttls(hostname, context):
    # a real check would connect to port 25 and call starttls(context=context)
    return {"hostname": hostname, "tls": context.verify_mode == ssl.CERT_REQUIRED}


def check_mx_hosts(hosts, verify=True):
    context = make_tls_context(verify)
    results = []
    for host in hosts:
        results.append(call_with_timeout(test_starttls, args=(host, context), seconds=10))
    return results


def main():
    results = check_mx_hosts(["mx1.example.com", "mx2.example.com"])
    ok = [r["hostname"] for r in results if r["tls"]]
    print("RESULT=" + ",".join(ok))
    sys.exit(0 if len(ok) == 2 else 3)


if __name__ == "__main__":
    main()
