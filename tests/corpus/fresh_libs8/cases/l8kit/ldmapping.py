"""fundus' LinkedDataMapping before PR #655, reduced.

``__as_xml__`` caches an lxml element on the mapping; an Article carrying the mapping can then
no longer be pickled.
"""
import json

from lxml import etree


class LinkedDataMapping:
    def __init__(self, lds):
        self._ld_by_type = {}
        for ld in lds:
            self._ld_by_type.setdefault(ld.get("@type", "Thing"), []).append(ld)
        self._xml = None

    def __as_xml__(self):
        if self._xml is None:
            root = etree.Element("linkedData")
            for type_, lds in self._ld_by_type.items():
                node = etree.SubElement(root, "ld", type=type_)
                node.text = json.dumps(lds)
            self._xml = root
        return self._xml

    def xpath_search(self, query):
        return [json.loads(n.text) for n in self.__as_xml__().xpath(query)]
