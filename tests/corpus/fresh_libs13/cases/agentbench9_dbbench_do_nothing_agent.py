# family: args
# hazard: none
# line: none
# files: l25kit/__init__.py l25kit/agents_basic.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/THUDM/AgentBench/issues/9 -- near miss: the working run of the same dbbench task shown in AgentBench #31 (configs/agents/do_nothing.yaml): the Do-Nothing agent keeps no tokenizer, so the session sent over the multiprocess Pipe holds only plain data and dill serialises it
"""Evaluate an agent on a tiny DBBench split: each query runs in a database worker process."""
import argparse
import sqlite3

import multiprocess as mp

from l25kit.agents_basic import DoNothingAgent, Session

DATA = [
    {"rows": [1, 2, 3], "answer": 3},
    {"rows": [4, 5], "answer": 2},
]


def db_worker(conn):
    while True:
        msg = conn.recv()
        if msg is None:
            break
        data_item, session = msg
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE t (x INTEGER)")
        db.executemany("INSERT INTO t VALUES (?)", [(r,) for r in data_item["rows"]])
        query = session.action()
        (count,) = db.execute(query).fetchone()
        conn.send(count == data_item["answer"])
        db.close()


class DBBench:
    def __init__(self, workers=2):
        self.processes = []
        for _ in range(workers):
            parent_end, child_end = mp.Pipe()
            proc = mp.Process(target=db_worker, args=(child_end,), daemon=True)
            proc.start()
            self.processes.append((parent_end, proc))

    def close(self):
        for conn, proc in self.processes:
            conn.send(None)
            proc.join(timeout=5)

    def predict_single(self, index, session, data_item):
        session.inject({"role": "user", "content": f"count rows of item {index}"})
        conn, _ = self.processes[index % len(self.processes)]
        conn.send((data_item, session))
        return conn.recv()

    def evaluate(self, agent):
        correct = 0
        for i, item in enumerate(DATA):
            session = Session(agent=agent)
            correct += bool(self.predict_single(i, session, item))
        return correct


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    task = DBBench(workers=args.workers)
    try:
        score = task.evaluate(DoNothingAgent())
    finally:
        task.close()
    print(f"RESULT={score}")


if __name__ == "__main__":
    main()
