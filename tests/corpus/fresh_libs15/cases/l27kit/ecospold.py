"""An ecospold2 reader on lxml, as premise/brightway extract activity datasets one file per task."""
import os

from lxml import etree

NS = "http://www.EcoInvent.org/EcoSpold02"

ACTIVITY = """<?xml version="1.0" encoding="UTF-8"?>
<ecoSpold xmlns="{ns}">
  <activityDataset>
    <activityDescription>
      <activity id="act-{idx}"><activityName>market for product {idx}</activityName></activity>
      <geography><shortname>{geo}</shortname></geography>
    </activityDescription>
    <flowData>
{exchanges}
    </flowData>
  </activityDataset>
</ecoSpold>
"""


def write_sample_folder(folder, count=8, broken=(5,)):
    """Write `count` .spold files; the indexes in `broken` are cut short, as a truncated download is."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for idx in range(count):
        exchanges = "\n".join(
            f'      <intermediateExchange id="x{idx}-{k}" amount="{k + 0.5}"><name>input {k}</name>'
            f"</intermediateExchange>" for k in range(3 + idx % 3))
        text = ACTIVITY.format(ns=NS, idx=idx, geo=("CH", "DE", "GLO")[idx % 3], exchanges=exchanges)
        if idx in broken:
            text = text[: len(text) // 2]
        path = os.path.join(folder, f"{idx:04d}.spold")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        paths.append(path)
    return paths


def read_activity(path):
    """One activity as a plain dict; lxml raises XMLSyntaxError for a malformed file."""
    tree = etree.parse(path)
    q = {"e": NS}
    name = tree.findtext(".//e:activityName", namespaces=q)
    geo = tree.findtext(".//e:geography/e:shortname", namespaces=q)
    amounts = [float(x.get("amount")) for x in tree.iterfind(".//e:intermediateExchange", namespaces=q)]
    return {"file": os.path.basename(path), "name": name, "location": geo,
            "exchanges": len(amounts), "total": round(sum(amounts), 3)}
