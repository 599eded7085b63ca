"""Scrape housing listings: the detail pages are fetched and parsed by a ProcessPoolExecutor."""
from concurrent.futures import ProcessPoolExecutor


def scrape_one(url):
    house_id = int(url.rsplit("-", 1)[1])
    return {"url": url, "price": 1000 + 25 * house_id, "rooms": 1 + house_id % 4}


class FundaScraper:
    def __init__(self, area, want_to, page_start=1, n_pages=1):
        self.area = area
        self.want_to = want_to
        self.page_start = page_start
        self.n_pages = n_pages

    def fetch_all_links(self):
        return ["https://listings.invalid/%s/%s/huis-%d" % (self.want_to, self.area, i)
                for i in range(self.page_start, self.page_start + 4 * self.n_pages)]

    def run(self, raw_data=False, max_workers=2):
        links = self.fetch_all_links()
        with ProcessPoolExecutor(max_workers=max_workers) as executor:
            rows = list(executor.map(scrape_one, links))
        if raw_data:
            return rows
        return sorted(row["price"] for row in rows)
