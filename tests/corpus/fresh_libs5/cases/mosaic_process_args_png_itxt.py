# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/codebox/mosaic/issues/4 -- "Multiprocessing pickle challenges": PNG images with iTXt chunks could not be unpickled in the spawned `build_mosaic` Process (Pillow #1434, "__new__() missing 2 required positional arguments: 'lang' and 'tkey'"); fixed in Pillow, the images now cross in Process args.
import os
import tempfile
from multiprocessing import Process, Queue

from PIL import Image, PngImagePlugin


def load_original(path):
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Description", "tile source", lang="en", tkey="Beschreibung")
    Image.new("RGB", (16, 16), (10, 20, 30)).save(path, pnginfo=info)
    image = Image.open(path)
    image.load()
    return image


def build_mosaic(result_queue, tiles, original_img):
    result_queue.put((len(tiles), original_img.size, original_img.info.get("Description")))


if __name__ == "__main__":
    original = load_original(os.path.join(tempfile.gettempdir(), "orig.png"))
    tiles = [Image.new("RGB", (4, 4), (n, n, n)) for n in range(3)]
    result_queue = Queue()
    proc = Process(target=build_mosaic, args=(result_queue, tiles, original))
    proc.start()
    count, size, description = result_queue.get(timeout=30)
    proc.join()
    print("RESULT=%d:%dx%d:%s" % (count, size[0], size[1], description))
