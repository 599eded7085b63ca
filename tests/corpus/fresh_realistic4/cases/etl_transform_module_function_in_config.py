# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the same ETL job with the pipeline config pointing at the helper package's module-level normalize().
import multiprocessing as mp

from r4kit import transforms

ROWS = [{" Name ": "Ada ", "Team": "ops"}, {" Name ": "Bob", "Team": " dev"}]


def build_pipeline(source):
    return {"source": source, "workers": 2, "transform": transforms.normalize}


def run_stage(cfg, rows):
    with mp.Pool(cfg["workers"]) as pool:
        return pool.map(cfg["transform"], rows)


def main():
    cfg = build_pipeline("crm_export.csv")
    out = run_stage(cfg, ROWS)
    print("RESULT=" + ",".join(r["name"] for r in out))


if __name__ == "__main__":
    main()
