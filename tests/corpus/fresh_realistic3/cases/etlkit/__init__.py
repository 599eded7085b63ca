"""etlkit: small helpers shared by the team's ETL, scraping and preprocessing scripts."""
__version__ = "0.3.1"
