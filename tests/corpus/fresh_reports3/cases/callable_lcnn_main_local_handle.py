# family: callable
# hazard: unpicklable-callable
# line: 13
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/zhou13/lcnn/issues/19 ("AttributeError: Can't pickle local object 'main.<locals>.handle'" when running dataset/wireframe.py on Windows): the preprocessing script's main() reads its docopt arguments, defines handle() over them and maps it over the image list with a pool helper. Here the pool is multiprocessing.Pool.map, which pickles the mapped function under every start method. Reduced: images are names, the saved npz is a dict.
"""Pre-process the wireframe dataset into training files."""
import multiprocessing
import os


def parallel(func, items, workers=2):
    with multiprocessing.Pool(workers) as pool:
        return pool.map(func, items)


def main():
    args = {"<src>": "data/wireframe_raw", "<dst>": "data/wireframe", "--size": 512}
    data_root = args["<src>"]
    data_output = args["<dst>"]

    def handle(name):
        prefix = os.path.join(data_output, os.path.splitext(name)[0])
        return {"file": prefix + ".npz", "size": args["--size"], "src": data_root}

    images = ["%08d.jpg" % i for i in range(6)]
    saved = parallel(handle, images)
    print("RESULT=%d" % len(saved))


if __name__ == "__main__":
    main()
