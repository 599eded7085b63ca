# family: crossmodule
# hazard: unpicklable-exception
# line: shopkit/rules.py:10
# files: shopkit/__init__.py shopkit/pricing.py shopkit/rules.py shopkit/errors.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Shape of https://github.com/tkarabela/pysubs2/issues/97 ("FormatAutodetectionError crashes multiprocessing.pool ... TypeError: FormatAutodetectionError.__init__() missing 1 required positional argument: 'formats'") and https://github.com/iree-org/iree/issues/11655 (the same with ProcessPoolExecutor). The quote function is chosen by getattr(pricing, "quote_" + kind); for bulk orders it calls shopkit.rules, which raises shopkit.errors.PricingError(sku, reason) whose __init__ passes only a message up; the parent cannot rebuild it and the executor breaks.
"""Price a B2B basket: every line is quoted in a worker process.

Usage: quote_basket.py [--kind bulk|retail]
"""
import argparse
from concurrent.futures import ProcessPoolExecutor

from shopkit import pricing

BASKET = [("MUG-RED", 120), ("SHIRT-M", 10), ("CAP-BLK", 300)]


def quote_function(kind):
    func = getattr(pricing, "quote_" + kind, None)
    if func is None:
        raise SystemExit(f"unknown price list {kind!r}")
    return func


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", default="bulk", choices=["bulk", "retail"])
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    quote = quote_function(args.kind)
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {sku: pool.submit(quote, sku, qty) for sku, qty in BASKET}
        lines = {}
        for sku, fut in futures.items():
            try:
                lines[sku] = fut.result(timeout=10)
            except Exception as exc:  # a line we cannot price is skipped, not fatal
                if type(exc).__name__ != "PricingError":
                    raise
    print("RESULT=%s" % sorted(lines.items()))


if __name__ == "__main__":
    main()
