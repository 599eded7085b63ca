# family: args
# hazard: unpicklable-argument
# line: 20
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/AllenCellModeling/aicsimageio/issues/71 -- "lxml objects can't be pickled / serialized and distributed to dask workers": an lxml element submitted to a dask.distributed LocalCluster with worker processes cannot be serialised ("Could not serialize object").
from distributed import Client, LocalCluster
from lxml import etree

OME = b"<ome><image id='img0' sizeX='512'/><image id='img1' sizeX='256'/></ome>"


def image_width(element):
    return int(element.get("sizeX"))


def widths(xml_bytes):
    root = etree.fromstring(xml_bytes)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        futures = [client.submit(image_width, image, key="width-" + image.get("id"))
                   for image in root.findall("image")]
        return client.gather(futures)


if __name__ == "__main__":
    print("RESULT=%d" % sum(widths(OME)))
