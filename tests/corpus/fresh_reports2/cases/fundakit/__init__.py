"""A reduced listing scraper in the shape of funda-scraper: listing pages are parsed in a process pool."""
