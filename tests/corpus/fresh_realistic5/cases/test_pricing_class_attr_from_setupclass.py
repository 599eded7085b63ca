# family: globals
# hazard: parent-state-not-inherited
# line: 37
# expect: fork=error:AssertionError spawn=error:AssertionError forkserver=error:AssertionError
# note: https://agentbeck.bot/report/23144 -- a unittest suite sets a class attribute in setUpClass and its parallel test maps a module function that reads it in spawn-context workers.
"""Tests for the pricing module, including a parallel batch-pricing test."""
import multiprocessing as mp
import os
import sys
import unittest


class PriceBook:
    vat = 0.0
    currency = "EUR"

    @classmethod
    def gross(cls, net):
        return round(net * (1 + cls.vat), 2)


def price_line(net):
    return PriceBook.gross(net)


def test_context():
    method = os.environ.get("PRICING_TEST_START_METHOD", "spawn")
    try:
        return mp.get_context(method)
    except ValueError:
        return mp.get_context()


class PricingTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        PriceBook.vat = 0.2
        PriceBook.currency = "GBP"

    def test_single_price(self):
        self.assertEqual(price_line(10.0), 12.0)

    def test_batch_prices_in_workers(self):
        ctx = test_context()
        with ctx.Pool(2) as pool:
            prices = pool.map(price_line, [10.0, 20.0, 5.0])
        self.assertEqual(prices, [12.0, 24.0, 6.0])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=0).result
    ok = result.wasSuccessful()
    print("RESULT=" + ("pass" if ok else "fail"))
    sys.exit(0 if ok else 3)
