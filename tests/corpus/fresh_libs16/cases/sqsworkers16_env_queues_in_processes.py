# family: args
# hazard: library-client-in-bound-method-process-target
# line: 44 l28kit/sqsenv.py:90
# files: l28kit/__init__.py l28kit/sqsenv.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 60
# note: https://github.com/Doist/sqs-workers/issues/16 -- "pickle doesn't work on mac m1": app.py calls sqs.process_queues(); SQSEnv.process_queues starts one multiprocessing.Process per queue with target=queue.process_queue, a bound method whose queue keeps the env and with it the boto3 SQS client and resource; under spawn (macOS) or forkserver p.start() pickles them and fails (the thread's traceback stops in the pickling; here it is AttributeError: Can't pickle local object 'lazy_call.<locals>._handler', from the client's event hooks), while fork never pickles the target
"""Background jobs for a small web shop: e-mails and thumbnails queued on SQS, one worker process per queue."""
import argparse
import os
import shutil
import tempfile

from l28kit.sqsenv import SQSEnv, make_session

SPOOL = os.environ.setdefault("SHOP_SQS_SPOOL", tempfile.mkdtemp(prefix="sqs-spool-"))

sqs = SQSEnv(session=make_session(), queue_prefix="shop-dev-", spool_dir=SPOOL)


@sqs.processor("emails", "send_email")
def send_email(to, subject):
    with open(os.path.join(SPOOL, "outbox.txt"), "a", encoding="utf-8") as f:
        f.write(f"{to}\t{subject}\n")


@sqs.processor("thumbnails", "make_thumbnail")
def make_thumbnail(image_id, size):
    with open(os.path.join(SPOOL, f"thumb-{image_id}-{size}.txt"), "w", encoding="utf-8") as f:
        f.write(f"{size}x{size}")


def enqueue_orders(orders):
    for order_id, email, image_id in orders:
        sqs.queue("emails").add_job("send_email", to=email, subject=f"Order {order_id} confirmed")
        sqs.queue("thumbnails").add_job("make_thumbnail", image_id=image_id, size=128)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=3)
    args = parser.parse_args()
    enqueue_orders([(1000 + i, f"customer{i}@example.com", f"img{i}") for i in range(args.orders)])
    sqs.process_queues(["emails", "thumbnails"])
    processed = sum(sqs.queue(name).processed_count() for name in ("emails", "thumbnails"))
    print(f"processed {processed} jobs")
    print(f"RESULT={processed}")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(SPOOL, ignore_errors=True)
