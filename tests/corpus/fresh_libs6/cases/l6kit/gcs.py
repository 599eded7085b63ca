"""Storage factories: an offline google-cloud-storage client with anonymous credentials."""
from google.auth.credentials import AnonymousCredentials
from google.cloud import storage

PROJECT = "demo-project"


def make_client():
    return storage.Client(project=PROJECT, credentials=AnonymousCredentials())


def make_bucket(name):
    return make_client().bucket(name)
