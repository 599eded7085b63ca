# family: args
# hazard: none
# line: none
# files: l28kit/__init__.py l28kit/sqsenv.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: https://github.com/Doist/sqs-workers/issues/16 -- near miss: a working variant (the thread has no code fix): the app starts its worker processes itself, with a module-level target that receives only the queue name and builds its own SQSEnv (boto3 session, client and resource) inside the child, so nothing holding a boto3 object is pickled under any start method
"""Background jobs for a small web shop: e-mails and thumbnails queued on SQS, one worker process per queue."""
import argparse
import multiprocessing
import os
import shutil
import tempfile

from l28kit.sqsenv import SQSEnv, make_session

SPOOL = os.environ.setdefault("SHOP_SQS_SPOOL", tempfile.mkdtemp(prefix="sqs-spool-"))


def send_email(to, subject):
    with open(os.path.join(SPOOL, "outbox.txt"), "a", encoding="utf-8") as f:
        f.write(f"{to}\t{subject}\n")


def make_thumbnail(image_id, size):
    with open(os.path.join(SPOOL, f"thumb-{image_id}-{size}.txt"), "w", encoding="utf-8") as f:
        f.write(f"{size}x{size}")


def build_env():
    env = SQSEnv(session=make_session(), queue_prefix="shop-dev-", spool_dir=SPOOL)
    env.processor("emails", "send_email")(send_email)
    env.processor("thumbnails", "make_thumbnail")(make_thumbnail)
    return env


def run_worker(queue_name):
    build_env().queue(queue_name).process_queue()


def enqueue_orders(env, orders):
    for order_id, email, image_id in orders:
        env.queue("emails").add_job("send_email", to=email, subject=f"Order {order_id} confirmed")
        env.queue("thumbnails").add_job("make_thumbnail", image_id=image_id, size=128)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=3)
    args = parser.parse_args()
    sqs = build_env()
    enqueue_orders(sqs, [(1000 + i, f"customer{i}@example.com", f"img{i}") for i in range(args.orders)])
    workers = [multiprocessing.Process(target=run_worker, args=(name,)) for name in ("emails", "thumbnails")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    processed = sum(sqs.queue(name).processed_count() for name in ("emails", "thumbnails"))
    print(f"processed {processed} jobs")
    print(f"RESULT={processed}")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(SPOOL, ignore_errors=True)
