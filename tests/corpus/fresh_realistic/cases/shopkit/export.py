"""Order export: split orders into chunks and convert them in worker processes."""
from shopkit import workers


def chunked(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


def run_export(orders, chunk_size=2, **options):
    """Convert every order with options["transform"]; returns rows in order id order."""
    chunks = chunked(sorted(orders, key=lambda o: o["id"]), chunk_size)
    rows = workers.fan_out(chunks, **options)
    return sorted(rows, key=lambda r: r[0])
