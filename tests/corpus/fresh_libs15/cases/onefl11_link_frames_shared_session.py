# family: args
# hazard: unpicklable-library-session-in-pool-task
# line: 41
# files: l27kit/__init__.py l27kit/linkage.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/ufbmi/onefl-deduper/pull/11 -- "Bring in the py36 fix: create the engine and session in each process to avoid TypeError: can't pickle _thread._local objects": onefl-deduper's LinkGenerator split the input file into frames and handed each pool task the SQLAlchemy session made by the parent; a Session (and its engine) does not pickle, so every start method fails when the tasks are sent
"""Link hashed patient rows of one partner to UUIDs, in frames processed by a pool of workers."""
import argparse
import os
import tempfile
from multiprocessing import Pool

from l27kit.linkage import get_db_engine, get_db_session, hash_patient, link_rows, seed_database

PATIENTS = [("Ann", "Lee", "1980-01-02"), ("Bob", "Ray", "1975-05-06"), ("Cid", "Moe", "1990-09-09"),
            ("Dee", "Fox", "1969-03-04"), ("Eve", "Kim", "2001-12-12"), ("Fay", "Orr", "1988-08-08"),
            ("Gus", "Pak", "1993-02-14"), ("Hal", "Quo", "1979-07-07")]


class LinkGenerator:
    def __init__(self, config, partner_code):
        self.config = config
        self.partner_code = partner_code

    @staticmethod
    def frames(rows, size):
        return [rows[i:i + size] for i in range(0, len(rows), size)]

    @classmethod
    def _process_frame(cls, session, frame, partner_code):
        links, found = link_rows(session, frame, partner_code)
        return links, found

    def generate(self, rows):
        engine = get_db_engine(self.config)
        session = get_db_session(engine)
        jobs = [(session, frame, self.partner_code) for frame in self.frames(rows, self.config["FRAME_SIZE"])]
        links = {}
        found = 0
        with Pool(self.config["NUM_CPUS"]) as pool:
            for frame_links, frame_found in pool.starmap(self._process_frame, jobs):
                links.update(frame_links)
                found += frame_found
        session.close()
        return links, found


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--partner", default="UFH")
    parser.add_argument("--frame-size", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        config = {"DB_URL": "sqlite:///" + os.path.join(folder, "linkage.db"), "FRAME_SIZE": args.frame_size,
                  "NUM_CPUS": 2}
        rows = [(f"pat-{n}", hash_patient(*p)) for n, p in enumerate(PATIENTS)]
        seed_database(config, [h for _, h in rows[::3]])
        links, found = LinkGenerator(config, args.partner).generate(rows)
        print(f"linked {len(links)} patients, {found} to existing UUIDs")
        print(f"RESULT={len(links)}:{found}")


if __name__ == "__main__":
    main()
