"""Process fan-out used by the exporters."""
import multiprocessing


def _convert_chunk(chunk, transform, out):
    out.put([(order["id"], transform(order)) for order in chunk])


def fan_out(chunks, transform, timeout=10):
    out = multiprocessing.Queue()
    procs = []
    for chunk in chunks:
        proc = multiprocessing.Process(target=_convert_chunk, args=(chunk, transform, out))
        proc.start()
        procs.append(proc)
    rows = []
    for _ in procs:
        rows.extend(out.get(timeout=timeout))
    for proc in procs:
        proc.join(timeout)
    return rows
