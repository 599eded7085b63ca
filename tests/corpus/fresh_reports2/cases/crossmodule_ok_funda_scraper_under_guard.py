# family: crossmodule
# hazard: none
# line: none
# files: fundakit/__init__.py fundakit/scraper.py
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix confirmed in https://github.com/whchien/funda-scraper/issues/35 ("Works if I add that line", the `if __name__ == "__main__":` idiom): the same script with the scraper's run() under the main guard; the scraper class may still be built at module level, as it starts nothing.
"""Scrape rental listings in Amsterdam."""
from fundakit.scraper import FundaScraper

scraper = FundaScraper(area="amsterdam", want_to="rent", page_start=1, n_pages=1)

if __name__ == "__main__":
    df = scraper.run(raw_data=False)
    print("RESULT=%s" % df)
