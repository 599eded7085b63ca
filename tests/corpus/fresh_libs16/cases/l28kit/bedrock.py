"""A Bedrock Converse LLM wrapper in the shape of llama_index's BedrockConverse as graphrag-toolkit uses it.

The boto3 client cannot be pickled, so __getstate__ drops it ("Removing unpickleable private attribute _client")
and __setstate__ builds a new one from the environment: the region given to the constructor lived only in the client.
"""
import logging
import os

import boto3

log = logging.getLogger(__name__)


class ModelValidationError(Exception):
    pass


class BedrockConverse:
    def __init__(self, model, region_name=None, temperature=0.0):
        self.model = model
        self.temperature = temperature
        self._client = self._make_client(region_name)

    @staticmethod
    def _make_client(region_name):
        return boto3.client("bedrock-runtime", region_name=region_name or os.environ.get("AWS_REGION"),
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    def __getstate__(self):
        state = self.__dict__.copy()
        log.debug("Removing unpickleable private attribute _client")
        state.pop("_client")
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._client = self._make_client(None)

    @property
    def region(self):
        return self._client.meta.region_name

    def complete(self, prompt):
        # cross-region inference profiles ("us.", "eu.", "apac.") only exist in their own geography
        geo = self.model.split(".", 1)[0]
        if geo in ("us", "eu", "apac") and not self.region.startswith(geo.replace("apac", "ap")):
            raise ModelValidationError("An error occurred (ValidationException) when calling the Converse "
                                       "operation: The provided model identifier is invalid.")
        words = [w.strip(".,").lower() for w in prompt.split() if len(w) > 6]
        return sorted(set(words))[:3]
