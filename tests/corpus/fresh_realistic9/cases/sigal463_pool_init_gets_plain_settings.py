# family: args
# hazard: none
# line: none
# files: s17kit/settings.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/saimn/sigal/pull/463 -- the fix's shape: the pool initializer receives only plain settings (worker_settings() drops the resolved plugin hooks, the plugin names stay) and each worker applies the named plugins itself
import argparse
import multiprocessing
import sys

from s17kit.settings import apply_named_plugins, read_settings, worker_settings

_worker_settings = {}


def pool_init(settings):
    _worker_settings.update(settings)


def process_image(name):
    s = _worker_settings
    name = apply_named_plugins(s["plugins"], s["jpg_quality"], name)
    return f"{name}:{s['img_size'][0]}x{s['img_size'][1]}"


class Gallery:
    def __init__(self, settings, ncpu=2):
        self.settings = settings
        self.ncpu = ncpu
        self.pool = None

    def init_pool(self):
        self.pool = multiprocessing.Pool(processes=self.ncpu, initializer=pool_init,
                                         initargs=(worker_settings(self.settings),))

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
