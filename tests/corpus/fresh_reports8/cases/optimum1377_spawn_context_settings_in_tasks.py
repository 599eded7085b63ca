# family: start_method
# hazard: none
# line: none
# files: r8kit/convert_ctx.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/huggingface/optimum/pull/1377 -- after the PR the exporter takes a spawn context for its own subprocess only and leaves the global start method alone; the tool also sends the opset with every validation task instead of reading a global
import argparse
import multiprocessing as mp
import sys

from r8kit import convert_ctx as convert

SETTINGS = {"opset": 11, "atol": 1e-4}


def validate(task):
    model_name, opset = task
    return f"{model_name}:opset{opset}"


class ExportJob:
    def __init__(self, models):
        self.models = models

    def run(self):
        opset = SETTINGS["opset"]
        paths = [convert.export_in_subprocess(m, opset) for m in self.models]
        with mp.Pool(2) as pool:
            checks = pool.map(validate, [(m, opset) for m in self.models])
        return paths, checks


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--opset", type=int, default=14)
    args = parser.parse_args(argv)
    SETTINGS["opset"] = args.opset
    paths, checks = ExportJob(["bert", "gpt2"]).run()
    print(f"RESULT={','.join(checks)}")
    if checks != ["bert:opset14", "gpt2:opset14"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
