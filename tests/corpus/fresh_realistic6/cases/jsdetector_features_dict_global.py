# family: globals
# hazard: parent-state-not-inherited
# line: 64
# expect: fork=ok spawn=error:TypeError forkserver=error:TypeError
# timeout: 20
# note: https://github.com/Aurore54F/syntactic-jsdetector/issues/1 -- analysis.py declares the module-level features2int_dict, main() fills it after loading the model, and the worker that builds each feature vector reads it; in a spawned worker it is still None ("object of type 'NoneType' has no len()")
"""Detect malicious JavaScript samples from their syntactic features (n-gram vectors)."""
import argparse
import multiprocessing
import re
from dataclasses import dataclass, field

features2int_dict = None

SAMPLES = {
    "benign.js": "var a = 1; function f(x) { return x + a; }",
    "packed.js": "eval(unescape('%61')); eval(atob(s)); document.write(x)",
}


@dataclass
class Analysis:
    file_path: str
    source: str
    features: list = field(default_factory=list)

    def set_features(self, features):
        self.features = features


def tokens(source):
    return re.findall(r"[A-Za-z_]\w*|[(){};=+]", source)


def features_vector(source, n_features, mapping):
    vector = [0] * n_features
    for tok in tokens(source):
        if tok in mapping:
            vector[mapping[tok]] += 1
    return vector


def worker_get_features_vector(analysis):
    features = features_vector(analysis.source, len(features2int_dict), features2int_dict)
    analysis.set_features(features)
    return analysis


def load_features_dict(names):
    return {name: i for i, name in enumerate(names)}


def classify(analyses):
    packed = features2int_dict["eval"]
    return {a.file_path: ("malicious" if a.features[packed] >= 2 else "benign") for a in analyses}


def main():
    global features2int_dict
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", nargs="*", default=["eval", "unescape", "atob", "function"])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args([])
    features2int_dict = load_features_dict(args.features)  # ANCHOR
    analyses = [Analysis(name, src) for name, src in sorted(SAMPLES.items())]
    with multiprocessing.Pool(args.jobs) as pool:
        analyses = list(pool.imap(worker_get_features_vector, analyses))
    labels = classify(analyses)
    print("RESULT=" + ",".join(f"{k}:{v}" for k, v in sorted(labels.items())))
    return 0 if labels == {"benign.js": "benign", "packed.js": "malicious"} else 3


if __name__ == "__main__":
    raise SystemExit(main())
