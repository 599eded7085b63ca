# family: callable
# hazard: unpicklable-callable
# line: 18
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: a nightly ETL job whose pipeline config dict carries the row transform as a lambda; a helper hands cfg["transform"] to Pool.map.
import multiprocessing as mp

ROWS = [{" Name ": "Ada ", "Team": "ops"}, {" Name ": "Bob", "Team": " dev"}]


def build_pipeline(source):
    return {"source": source, "workers": 2,
            "transform": lambda row: {k.strip().lower(): v.strip() for k, v in row.items()}}


def run_stage(cfg, rows):
    with mp.Pool(cfg["workers"]) as pool:
        return pool.map(cfg["transform"], rows)


def main():
    cfg = build_pipeline("crm_export.csv")
    out = run_stage(cfg, ROWS)
    print("RESULT=" + ",".join(r["name"] for r in out))


if __name__ == "__main__":
    main()
