# family: args
# hazard: unpicklable-initargs
# line: 34
# files: s17kit/settings.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/saimn/sigal/issues/462 -- `sigal build` fails on Windows with an AttributeError while the Gallery starts its worker pool: pool_init is handed the gallery settings through initargs and the settings carry an object that cannot be pickled (fixed in PR #463); this program keeps the settings read by another module, whose plugin hooks are nested functions, and gives them to the pool's initializer
import argparse
import multiprocessing
import sys

from s17kit.settings import read_settings

_worker_settings = {}


def pool_init(settings):
    _worker_settings.update(settings)


def process_image(name):
    s = _worker_settings
    for hook in s["plugin_hooks"]:
        name = hook(name)
    return f"{name}:{s['img_size'][0]}x{s['img_size'][1]}"


class Gallery:
    def __init__(self, settings, ncpu=2):
        self.settings = settings
        self.ncpu = ncpu
        self.pool = None

    def init_pool(self):
        self.pool = multiprocessing.Pool(processes=self.ncpu, initializer=pool_init,
                                         initargs=(self.settings,))

    def build(self, media):
        self.init_pool()
        try:
            return self.pool.map(process_image, media)
        finally:
            self.pool.close()
            self.pool.join()


def main(argv):
    parser = argparse.ArgumentParser(prog="sigal")
    parser.add_argument("command", choices=["build"])
    parser.add_argument("--quality", type=int, default=85)
    args = parser.parse_args(argv)
    gallery = Gallery(read_settings({"jpg_quality": args.quality}))
    for line in gallery.build(["a.jpg", "b.jpg", "c.jpg"]):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["build"]))
