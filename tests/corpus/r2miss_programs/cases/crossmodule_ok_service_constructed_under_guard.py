# family: crossmodule
# hazard: none
# line: none
# files: r2kit/__init__.py r2kit/service.py
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: r2miss near miss: the same service, built under the main guard.
"""Report the collector's status once."""
from r2kit.service import MetricsService

if __name__ == "__main__":
    service = MetricsService(9100)
    print("RESULT=%s" % service.status())
    service.stop()
