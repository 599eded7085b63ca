"""fundus' LinkedDataMapping with PR #655: the cached element travels as a string."""
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

    def __getstate__(self):
        state = self.__dict__.copy()
        if state["_xml"] is not None:
            state["_xml"] = etree.tostring(state["_xml"])
        return state

    def __setstate__(self, state):
        if state["_xml"] is not None:
            state["_xml"] = etree.fromstring(state["_xml"])
        self.__dict__.update(state)
