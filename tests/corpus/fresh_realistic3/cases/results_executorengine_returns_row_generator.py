# family: results
# hazard: unpicklable-return
# line: 25 24
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/Nanguage/executor-engine/issues/3 (a generator as a process job's result "raises pickle error"); here a log parser's pool task returns a dict whose "rows" entry is a generator expression over the parsed lines
import multiprocessing
import sys

LOGS = {
    "web-1": "GET /a 200\nGET /b 404\nPOST /c 201",
    "web-2": "GET /a 500\nGET /d 200",
}


def parse_line(line):
    method, path, status = line.split()
    return {"method": method, "path": path, "status": int(status)}


def parse_log(item):
    host, text = item
    lines = text.splitlines()
    summary = {"host": host, "count": len(lines)}
    summary["rows"] = (parse_line(line) for line in lines)
    return summary


def status_histogram(summaries):
    hist = {}
    for summary in summaries:
        for row in summary["rows"]:
            bucket = "%dxx" % (row["status"] // 100)
            hist[bucket] = hist.get(bucket, 0) + 1
    return hist


def main():
    with multiprocessing.Pool(2) as pool:
        summaries = pool.map(parse_log, sorted(LOGS.items()))
    hist = status_histogram(summaries)
    errors = hist.get("4xx", 0) + hist.get("5xx", 0)
    print("RESULT=%d" % errors)
    if errors != 2:
        sys.exit(3)


if __name__ == "__main__":
    main()
