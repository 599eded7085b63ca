"""Warm the CDN cache for a list of product pages."""
import multiprocessing


def _warm(url):
    return url, len(url) % 3 == 0


def prefetch(urls, processes=2):
    with multiprocessing.Pool(processes) as pool:
        return dict(pool.map(_warm, urls))
