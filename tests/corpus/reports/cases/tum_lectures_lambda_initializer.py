# family: callable
# hazard: unpicklable-callable
# line: 31
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Reduced from https://github.com/Vuenc/TUM-Master-Informatics-Offered-Lectures/pull/14 ("fix: invalid initializer to pickle": the scraper's main() created its Pool with initializer=lambda: ..., failing with "Can't pickle local object 'main.<locals>.<lambda>'"; fixed with a named module-level function). Kept: main() building the pool with a lambda initializer that sets a per-worker global, pool.map over course pages, a parser that uses that global; HTTP fetches replaced by a dict of page texts.
"""Scrape the list of offered lectures, one course page per worker."""
import multiprocessing
import sys

PAGES = {
    "IN2064": "Machine Learning | 8 ECTS | Winter",
    "IN2346": "Introduction to Deep Learning | 6 ECTS | Summer",
    "IN2229": "Advanced Deep Learning for Physics | 5 ECTS | Summer",
}

session = None


def init_session(user_agent):
    global session
    session = {"User-Agent": user_agent, "pages": PAGES}


def fetch_course(code):
    title, ects, term = [part.strip() for part in session["pages"][code].split("|")]
    return {"code": code, "title": title, "ects": int(ects.split()[0]), "term": term}


def main():
    user_agent = "tum-lectures-bot/1.0"
    with multiprocessing.Pool(2, initializer=lambda: init_session(user_agent)) as pool:
        courses = pool.map(fetch_course, sorted(PAGES))
    print("RESULT=%s" % [c["code"] for c in courses])
    return 0 if len(courses) == 3 else 3


if __name__ == "__main__":
    sys.exit(main())
