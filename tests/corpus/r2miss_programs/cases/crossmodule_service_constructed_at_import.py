# family: crossmodule
# hazard: missing-main-guard
# line: 11
# files: r2kit/__init__.py r2kit/service.py
# timeout: 20
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: r2miss model: a class of another project module whose constructor starts a process, built at module level: a spawned collector re-imports this script and builds it again.
"""Report the collector's status once."""
from r2kit.service import MetricsService

service = MetricsService(9100)
print("RESULT=%s" % service.status())
service.stop()
