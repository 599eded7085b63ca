# family: callable
# hazard: unpicklable-callable
# line: 26 opskit/nn_process.py:35
# files: opskit/nn_process.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 20
# note: https://github.com/researchmm/img2poem/issues/13 -- test.py builds its models with nn_process.create('extract_feature'), which defines pipe_process inside create() and starts it as the Process target; on Windows it fails with Can't pickle local object 'create.<locals>.pipe_process'
"""Generate a short poem from image keywords with two model processes."""
import sys
from dataclasses import dataclass, field

from opskit import nn_process

KEYWORDS = {"sunset.jpg": "red sky over quiet water",
            "forest.jpg": "tall green trees and birds"}


@dataclass
class PoemPipeline:
    model_names: tuple = ("extract_feature", "count_words")
    models: dict = field(default_factory=dict)

    def load(self):
        print("Loading Extracting Feature Module...")
        for name in self.model_names:
            self.models[name] = nn_process.create(name)  # ANCHOR
        return self

    def describe(self, image):
        text = KEYWORDS[image]
        features = self.models["extract_feature"](text)
        n_words = self.models["count_words"](text)
        return f"{image}:{n_words}:{max(features)}"

    def close(self):
        for model in self.models.values():
            model.close()


TEMPLATES = {
    5: "{first} and {last} in five soft words",
    4: "four words of {first}",
}


def compose_line(text, n_words):
    words = text.split()
    template = TEMPLATES.get(n_words, "{first}")
    return template.format(first=words[0], last=words[-1])


def parse_args(argv):
    import argparse
    parser = argparse.ArgumentParser(description="image to poem demo")
    parser.add_argument("--images", nargs="*", default=sorted(KEYWORDS))
    parser.add_argument("--verbose", action="store_true")
    return parser.parse_args(argv)


def main():
    opts = parse_args([])
    if opts.verbose:
        print("images:", ", ".join(opts.images))
    pipeline = PoemPipeline().load()
    try:
        lines = [pipeline.describe(img) for img in opts.images]
        poem = [compose_line(KEYWORDS[img], int(line.split(":")[1]))
                for img, line in zip(opts.images, lines)]
    finally:
        pipeline.close()
    if opts.verbose:
        print("\n".join(poem))
    print("RESULT=" + ",".join(lines))
    return 0 if lines == ["forest.jpg:5:5", "sunset.jpg:5:5"] else 3


if __name__ == "__main__":
    sys.exit(main())
