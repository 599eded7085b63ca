"""Quotes for the web shop and for B2B customers."""
from shopkit import rules

LIST_PRICES = {"MUG-RED": 8.0, "SHIRT-M": 20.0, "CAP-BLK": 12.5}


def quote_retail(sku, qty):
    return round(LIST_PRICES[sku] * qty, 2)


def quote_bulk(sku, qty):
    return rules.apply_rules(sku, qty, LIST_PRICES[sku])
