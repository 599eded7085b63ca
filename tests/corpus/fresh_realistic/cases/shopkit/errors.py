"""Exceptions raised by the pricing engine."""


class ShopError(Exception):
    """Base class of shopkit errors."""


class PricingError(ShopError):
    def __init__(self, sku, reason):
        super().__init__(f"cannot price {sku}: {reason}")
        self.sku = sku
        self.reason = reason
