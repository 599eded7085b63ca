# family: globals
# hazard: parent-state-not-inherited
# line: 33 35
# timeout: 15
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: Shape of https://github.com/mdcallag/mytools/pull/10 ("Explicitly set 'fork' multiprocessing start method": "We need to pass local variables to child processes (e.g., connection parameters). This is important for macOS, where the default start method is 'spawn'"): the insert benchmark parses its options into a module global in main(), and each client process reads the connection parameters from it.
"""Run an insert benchmark with several client processes."""
import argparse
import multiprocessing
import sys

FLAGS = None


def connect():
    return {"host": FLAGS.db_host, "user": FLAGS.db_user, "db": FLAGS.db_name}


def run_client(client_id, rows, done):
    conn = connect()
    inserted = sum(1 for _ in range(rows))
    done.put((client_id, conn["db"], inserted))


def main(argv):
    global FLAGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--db_host", default="127.0.0.1")
    parser.add_argument("--db_user", default="root")
    parser.add_argument("--db_name", default="ib")
    parser.add_argument("--dbms", default="mysql")
    parser.add_argument("--num_clients", type=int, default=2)
    FLAGS = parser.parse_args(argv)
    done = multiprocessing.Queue()
    clients = [multiprocessing.Process(target=run_client, args=(i, 100, done)) for i in range(FLAGS.num_clients)]
    for c in clients:
        c.start()
    results = []
    for c in clients:
        c.join()
        if c.exitcode == 0:
            results.append(done.get(timeout=5))
    print("RESULT=%s" % sorted(results))
    return 0 if len(results) == FLAGS.num_clients else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
