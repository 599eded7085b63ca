# family: args
# hazard: unpicklable-argument
# line: 20 l4kit/pipeline.py:24
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: llama_index #17125 (https://github.com/run-llama/llama_index/issues/17125): "Adding RedisCache to an ingestion pipeline makes it unparallelizable"; l4kit.pipeline.IngestionPipeline.run(num_workers=2) maps a partial holding the l4kit.cache.RedisCache (a redis.Redis inside) over a ProcessPoolExecutor: "cannot pickle '_thread.lock' object".
from l4kit.cache import make_cache
from l4kit.pipeline import IngestionPipeline

SETTINGS = {"cache": {"namespace": "test-collection", "host": "localhost"}}


def build_pipeline(settings):
    cache = make_cache(settings["cache"]) if settings.get("cache") else None
    return IngestionPipeline(transformations=["strip", "lower"], cache=cache)


if __name__ == "__main__":
    documents = ["  This is my first document", "Second document  "]
    pipeline = build_pipeline(SETTINGS)
    nodes = pipeline.run(documents=documents, num_workers=2)
    print("RESULT=" + "|".join(nodes))
