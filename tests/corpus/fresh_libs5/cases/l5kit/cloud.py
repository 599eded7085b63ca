"""S3 helpers in the shapes of barman-cloud and smart_open (no request is ever sent)."""
import boto3
import botocore.session

CREDS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "secret", "region_name": "us-east-1"}


def s3_resource():
    return boto3.resource("s3", **CREDS)


def default_botocore_session():
    session = botocore.session.Session()
    session.set_credentials(CREDS["aws_access_key_id"], CREDS["aws_secret_access_key"])
    return session


class S3CloudInterface:
    """barman's S3CloudInterface after PR #361: the resource is left out of the pickle."""

    def __init__(self, bucket):
        self.bucket = bucket
        self.s3 = s3_resource()

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("s3", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.s3 = None

    def object_key(self, name):
        return "%s/%s" % (self.bucket, name)
