# family: start_method
# hazard: set-start-method-misuse
# line: r8kit/convert.py:4 35
# files: r8kit/convert.py
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/huggingface/optimum/pull/1377 -- importing optimum's convert.py set the start method to spawn for the whole program, which "may mess up with external tools that rely on the fork start method": here the tool's validation workers read settings the CLI stored in a global, which spawned workers never see
import argparse
import multiprocessing as mp
import sys

from r8kit import convert

SETTINGS = {"opset": 11, "atol": 1e-4}


def validate(model_name):
    return f"{model_name}:opset{SETTINGS['opset']}"


class ExportJob:
    def __init__(self, models):
        self.models = models

    def run(self):
        paths = [convert.export_in_subprocess(m, SETTINGS["opset"]) for m in self.models]
        with mp.Pool(2) as pool:
            checks = pool.map(validate, self.models)
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
