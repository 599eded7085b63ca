# family: crossmodule
# hazard: missing-main-guard
# line: 20
# files: shopkit/__init__.py shopkit/cache.py
# timeout: 15
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: Shape of https://github.com/SigProfilerSuite/SigProfilerExtractor/issues/121 (a library's entry point, which starts worker processes, called from a plain script: "An attempt has been made to start a new process before the current process has finished its bootstrapping phase"; fixed by adding the `if __name__ == '__main__':` idiom) and https://github.com/hezhangsprinter/DID-MDN/issues/3. An ops script written top to bottom with no main guard calls shopkit.cache.prefetch(), which opens a Pool; spawn/forkserver children re-import the script and try to start a pool while bootstrapping.
"""Warm the CDN for today's landing pages (run from cron)."""
import datetime

from shopkit.cache import prefetch

BASE = "https://shop.example.invalid"
PAGES = ["/", "/sale", "/mugs", "/shirts", "/caps"]

today = datetime.date(2026, 12, 4).isoformat()
urls = [f"{BASE}{page}?d={today}" for page in PAGES]
print(f"warming {len(urls)} pages")

status = prefetch(urls, processes=2)

warm = sorted(url for url, ok in status.items() if ok)
cold = sorted(url for url, ok in status.items() if not ok)
for url in warm:
    print("warm", url)
for url in cold:
    print("cold", url)
summary = {"warm": len(warm), "cold": len(cold)}
if cold:
    print(f"{len(cold)} pages stayed cold; the next run will retry them")
ratio = summary["warm"] / max(1, len(urls))
print(f"warm ratio {ratio:.2f}")
print("RESULT=%s" % sorted(summary.items()))
