"""uproot-like remote reading: options travel with every chunk task (scikit-hep/uproot5#1248)."""
import ssl


def steps(num_entries, step):
    return [(s, min(s + step, num_entries)) for s in range(0, num_entries, step)]


def read_chunk(url, start, stop, options):
    """Pretends to fetch [start, stop) over HTTPS with options['ssl']; returns the number of entries."""
    ctx = options.get("ssl")
    if ctx is not None and not isinstance(ctx, ssl.SSLContext):
        raise TypeError("ssl option must be an SSLContext")
    timeout = options.get("timeout", 30)
    assert url.startswith("https://") and timeout > 0
    return stop - start
