"""THREDDS-like catalog parsing with pyexpat (thredds_crawler parses with lxml)."""
import xml.parsers.expat

CATALOG = """<catalog>
  <dataset name="MODIS-Agg" ID="MODIS-Agg" urlPath="modis/agg.nc" size="1200"/>
  <dataset name="MODIS-2009-Agg" ID="MODIS-2009-Agg" urlPath="modis/2009.nc" size="800"/>
  <dataset name="MODIS-2010-Agg" ID="MODIS-2010-Agg" urlPath="modis/2010.nc" size="950"/>
</catalog>"""

SERVICES = {"OPENDAP": "/thredds/dodsC/", "ISO": "/thredds/iso/"}


def leaf_urls(catalog_text=CATALOG):
    found = []

    def start(name, attrs):
        if name == "dataset":
            found.append(attrs["urlPath"])

    p = xml.parsers.expat.ParserCreate()
    p.StartElementHandler = start
    p.Parse(catalog_text, True)
    return found


def dataset_parser(url_path, catalog_text=CATALOG):
    """Return (parser, attrs) for the dataset element with this urlPath."""
    attrs = {}

    def start(name, a):
        if name == "dataset" and a.get("urlPath") == url_path:
            attrs.update(a)

    p = xml.parsers.expat.ParserCreate()
    p.StartElementHandler = start
    p.Parse(catalog_text, True)
    return p, attrs
