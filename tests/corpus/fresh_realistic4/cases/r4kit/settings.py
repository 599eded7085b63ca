CURRENCY = "USD"


def init(currency):
    global CURRENCY
    CURRENCY = currency


def fmt(amount):
    return f"{amount:.2f} {CURRENCY}"
