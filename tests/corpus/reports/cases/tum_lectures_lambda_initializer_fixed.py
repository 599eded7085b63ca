# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Fixed near miss of https://github.com/Vuenc/TUM-Master-Informatics-Offered-Lectures/pull/14 (the merged fix passes the named module-level function as initializer, with its data in initargs). Same scraper structure as the buggy case.
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
    with multiprocessing.Pool(2, initializer=init_session, initargs=(user_agent,)) as pool:
        courses = pool.map(fetch_course, sorted(PAGES))
    print("RESULT=%s" % [c["code"] for c in courses])
    return 0 if len(courses) == 3 else 3


if __name__ == "__main__":
    sys.exit(main())
