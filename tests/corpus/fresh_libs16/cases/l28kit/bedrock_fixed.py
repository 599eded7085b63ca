"""The Bedrock wrapper keeping its region in the pickled state, so a worker's new client talks to the same region."""
import os

import boto3

from l28kit.bedrock import ModelValidationError  # noqa: F401


class BedrockConverse:
    def __init__(self, model, region_name=None, temperature=0.0):
        self.model = model
        self.temperature = temperature
        self.region_name = region_name or os.environ.get("AWS_REGION")
        self._client = self._make_client(self.region_name)

    @staticmethod
    def _make_client(region_name):
        return boto3.client("bedrock-runtime", region_name=region_name,
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_client")
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._client = self._make_client(self.region_name)

    @property
    def region(self):
        return self._client.meta.region_name

    def complete(self, prompt):
        geo = self.model.split(".", 1)[0]
        if geo in ("us", "eu", "apac") and not self.region.startswith(geo.replace("apac", "ap")):
            raise ModelValidationError("An error occurred (ValidationException) when calling the Converse "
                                       "operation: The provided model identifier is invalid.")
        words = [w.strip(".,").lower() for w in prompt.split() if len(w) > 6]
        return sorted(set(words))[:3]
