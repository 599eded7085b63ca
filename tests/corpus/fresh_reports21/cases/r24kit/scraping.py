"""minet-like crawler pieces: spider jobs run in threads, scraping of a page runs in processes."""
import re

from r24kit.http_pool import DEFAULT_POOL


def fetch(url):
    return DEFAULT_POOL.request(url)


def spider_job(url, stop_event, max_pages=1000):
    """Crawl from url until told to stop; returns the number of pages fetched."""
    frontier, fetched = [url], 0
    while frontier and not stop_event.is_set() and fetched < max_pages:
        page_url = frontier.pop(0)
        html = fetch(page_url)
        fetched += 1
        frontier.extend(re.findall(r"href='([^']+)'", html)[:1])
    return fetched


def scrape(item):
    """Extract the links of a page and resolve its first asset through the shared pool manager."""
    url, html = item
    links = re.findall(r"href='([^']+)'", html)
    assets = re.findall(r"src='([^']+)'", html)
    if assets:
        DEFAULT_POOL.request("https://" + assets[0])
    return url, len(links)
