"""Discount rules applied on top of list prices."""
from shopkit.errors import PricingError

BULK_LIMITS = {"MUG": 100, "SHIRT": 50}


def bulk_discount(sku, qty):
    limit = BULK_LIMITS.get(sku.split("-")[0])
    if limit is None:
        raise PricingError(sku, "no bulk rule for this product line")
    return 0.1 if qty >= limit else 0.0


def apply_rules(sku, qty, unit_price):
    discount = bulk_discount(sku, qty)
    return round(qty * unit_price * (1 - discount), 2)
