"""Sales reports: format orders in a pool, with a caller-supplied formatter."""
import functools
import multiprocessing


def _format_one(formatter, currency, order):
    return order["id"], formatter(order, currency)


def build_report(orders, processes=2, **options):
    formatter = options.pop("formatter")
    currency = options.pop("currency", "EUR")
    task = functools.partial(_format_one, formatter, currency)
    with multiprocessing.Pool(processes) as pool:
        lines = pool.map(task, sorted(orders, key=lambda o: o["id"]))
    return [line for _, line in lines]
