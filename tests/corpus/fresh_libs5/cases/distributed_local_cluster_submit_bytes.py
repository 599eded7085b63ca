# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/AllenCellModeling/aicsimageio/issues/71 -- the working shape: the XML is serialised to bytes in the client and each dask worker process parses its own element.
from distributed import Client, LocalCluster
from lxml import etree

OME = b"<ome><image id='img0' sizeX='512'/><image id='img1' sizeX='256'/></ome>"


def image_width(element_bytes):
    return int(etree.fromstring(element_bytes).get("sizeX"))


def widths(xml_bytes):
    root = etree.fromstring(xml_bytes)
    parts = [etree.tostring(image) for image in root.findall("image")]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        futures = [client.submit(image_width, part, key="width-%d" % number)
                   for number, part in enumerate(parts)]
        return client.gather(futures)


if __name__ == "__main__":
    print("RESULT=%d" % sum(widths(OME)))
