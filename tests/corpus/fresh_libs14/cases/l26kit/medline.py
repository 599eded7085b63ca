"""A small MEDLINE reader in the shape of pubmed_parser.medline_parser (lxml based)."""
from lxml import etree

_ARTICLE = """<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID>{pmid}</PMID>
<Article><Journal><Title>{journal}</Title></Journal><ArticleTitle>{title}</ArticleTitle>
<Abstract><AbstractText>{abstract}</AbstractText></Abstract></Article>
<MeshHeadingList>{mesh}</MeshHeadingList></MedlineCitation></PubmedArticle>"""


def sample_medline_xml(n: int = 6) -> bytes:
    parts = []
    for i in range(n):
        mesh = "".join(f"<MeshHeading><DescriptorName UI='D{i}{k}'>term{k}</DescriptorName></MeshHeading>"
                       for k in range(i % 3 + 1))
        parts.append(_ARTICLE.format(pmid=27000000 + i, journal=f"J Test {i % 2}", title=f"Study {i}",
                                     abstract="word " * (5 + i), mesh=mesh))
    return ("<PubmedArticleSet>" + "".join(parts) + "</PubmedArticleSet>").encode()


def read_medline_citations(xml_bytes: bytes):
    """The MedlineCitation elements of a file, as lxml elements (what the issue mapped over)."""
    tree = etree.fromstring(xml_bytes)
    return tree.findall(".//MedlineCitation")


def split_citation_strings(xml_bytes: bytes):
    """The same citations serialised back to text, one string per citation."""
    return [etree.tostring(node, encoding="unicode") for node in read_medline_citations(xml_bytes)]


def parse_article_info(medline) -> dict:
    article = medline.find("Article")
    mesh = [d.text for d in medline.findall(".//DescriptorName")]
    return {
        "pmid": medline.findtext("PMID"),
        "title": article.findtext("ArticleTitle"),
        "journal": article.findtext("Journal/Title"),
        "abstract_words": len((article.findtext("Abstract/AbstractText") or "").split()),
        "mesh_terms": "; ".join(mesh),
    }


def parse_article_text(citation_xml: str) -> dict:
    return parse_article_info(etree.fromstring(citation_xml))
