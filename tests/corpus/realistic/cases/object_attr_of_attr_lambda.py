# family: object
# hazard: unpicklable-callable
# line: 34
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: pipeline.process (a bound method) is mapped over a Pool; pickling the method pickles the Pipeline, whose stage attribute holds a lambda in its own attribute (attribute of attribute), so it fails on every start method. Modelled on https://github.com/tensorpack/tensorpack/issues/1195 (an augmentor list holding a lambda could not be pickled for the workers).
"""A two-stage text pipeline run over a process pool."""
import multiprocessing


class Stage:
    def __init__(self, name, func):
        self.name = name
        self.func = func

    def __call__(self, value):
        return self.func(value)


class Pipeline:
    def __init__(self):
        self.normalise = Stage("strip", str.strip)
        self.tokenise = Stage("split", str.split)
        self.count = Stage("count", lambda tokens: len(tokens))

    def process(self, line):
        return self.count(self.tokenise(self.normalise(line)))


def main():
    lines = ["  alpha beta ", "gamma", " delta epsilon zeta  "]
    pipeline = Pipeline()
    print("serial:", [pipeline.process(line) for line in lines])
    with multiprocessing.Pool(2) as pool:
        print("parallel:", pool.map(pipeline.process, lines))


if __name__ == "__main__":
    main()
