# family: crossmodule
# hazard: missing-main-guard
# line: 12
# files: fundakit/__init__.py fundakit/scraper.py
# timeout: 20
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: Shape of https://github.com/whchien/funda-scraper/issues/35 ("RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase"; the reporter: "Works if I add that line"): the README's usage, copied into a script, builds the scraper and calls run() at module level; run() parses the listings in a process pool.
"""Scrape rental listings in Amsterdam."""
from fundakit.scraper import FundaScraper

scraper = FundaScraper(area="amsterdam", want_to="rent", page_start=1, n_pages=1)
df = scraper.run(raw_data=False)
print("RESULT=%s" % df)
