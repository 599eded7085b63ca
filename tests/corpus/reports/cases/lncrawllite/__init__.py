"""Stand-in for the lightnovel-crawler package modules used by the lncrawl report cases."""
