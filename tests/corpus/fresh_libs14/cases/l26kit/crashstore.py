"""Crash storage on S3 in the shape of socorro's verifyprocessed command.

Raw crashes live under v2/raw_crash/<entropy>/<date>/<crashid>, processed ones under
v1/processed_crash/<crashid>; the crash id starts with its 3-hex-digit entropy. The boto3 client is real;
botocore's Stubber answers its list calls from a canned bucket, so no network is used.
"""
import boto3
from botocore.stub import Stubber

RAW_CRASH_PREFIX_TEMPLATE = "v2/raw_crash/%s/%s/"
PROCESSED_CRASH_TEMPLATE = "v1/processed_crash/%s"


def canned_crash_ids(entropy: str, date: str):
    return [f"{entropy}{n:05d}-{date}" for n in range(int(entropy, 16) % 3 + 1)]


def _listing(keys):
    return {"Contents": [{"Key": k, "Size": 10} for k in keys], "KeyCount": len(keys), "IsTruncated": False}


def build_s3_client(bucket: str, entropies, date: str, region: str = "us-west-2"):
    """A boto3 S3 client whose list_objects_v2 answers, in order, for each entropy: raw keys, then the
    processed keys (the last raw crash of every third entropy is missing its processed copy)."""
    client = boto3.client("s3", region_name=region, aws_access_key_id="AKIDEXAMPLE",
                          aws_secret_access_key="secret", endpoint_url="https://s3.example.invalid")
    stubber = Stubber(client)
    for index, entropy in enumerate(entropies):
        crash_ids = canned_crash_ids(entropy, date)
        raw_prefix = RAW_CRASH_PREFIX_TEMPLATE % (entropy, date)
        stubber.add_response("list_objects_v2", _listing([raw_prefix + c for c in crash_ids]),
                             {"Bucket": bucket, "Prefix": raw_prefix})
        processed = crash_ids[:-1] if index % 3 == 0 else crash_ids
        stubber.add_response("list_objects_v2",
                             _listing([PROCESSED_CRASH_TEMPLATE % c for c in processed]),
                             {"Bucket": bucket, "Prefix": PROCESSED_CRASH_TEMPLATE % entropy})
    stubber.activate()
    client._crash_stubber = stubber  # keep the stubber alive as long as the client
    return client


def list_keys(client, bucket: str, prefix: str):
    page = client.list_objects_v2(Bucket=bucket, Prefix=prefix)
    return [item["Key"] for item in page.get("Contents", [])]
