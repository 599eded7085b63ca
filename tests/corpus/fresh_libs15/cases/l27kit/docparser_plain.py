"""The parse result as plain data: what the crawl needs from a parser, without its lxml tree."""
from dataclasses import dataclass, field

from .docparser import HTMLParser


@dataclass
class ParsedDocument:
    url: str
    references: list = field(default_factory=list)
    emails: list = field(default_factory=list)
    forms: list = field(default_factory=list)


def parse_to_data(url, body):
    parser = HTMLParser(url, body)
    return ParsedDocument(url, parser.references, parser.emails, parser.forms)
