# family: container
# hazard: unpicklable-argument
# line: 39
# expect: fork=inheritance_only_error spawn=inheritance_only_error forkserver=inheritance_only_error
# note: A settings dict carries a multiprocessing.Queue for progress events and is given to every Pool task through starmap; queues may only travel by inheritance (Process args, initargs), so every start method raises. Modelled on https://github.com/cloudpipe/cloudpickle/issues/81 ("Lock objects should only be shared between processes through inheritance").
"""Resize images in a pool and report progress through a queue in the settings.

Usage: container_config_dict_mp_queue_pool_arg.py [--width W] [--quality Q] NAME...
"""
import argparse
import multiprocessing


def resize(name, settings):
    width = settings["width"]
    settings["progress"].put(name)
    return f"{name}@{width}px q{settings['quality']}"


def load_settings(args):
    settings = {"width": 640, "quality": 85}
    settings.update({k: v for k, v in vars(args).items() if k in settings and v is not None})
    settings["progress"] = multiprocessing.Queue()
    return settings


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", default=["a.png", "b.png", "c.png"])
    parser.add_argument("--width", type=int)
    parser.add_argument("--quality", type=int)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    settings = load_settings(args)
    with multiprocessing.Pool(2) as pool:
        results = pool.starmap(resize, [(name, settings) for name in args.names])
    done = sorted(settings["progress"].get(timeout=5) for _ in args.names)
    print(results, done)


if __name__ == "__main__":
    main()
