# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: llama_index #17125 (https://github.com/run-llama/llama_index/issues/17125), a cache that survives the workers: l4kit.cache.SafeRedisCache drops its redis client in __getstate__, so IngestionPipeline.run(num_workers=2) can ship it to the ProcessPoolExecutor.
from l4kit.cache import SafeRedisCache
from l4kit.pipeline import IngestionPipeline


def build_pipeline(namespace):
    return IngestionPipeline(transformations=["strip", "lower"], cache=SafeRedisCache(namespace=namespace))


if __name__ == "__main__":
    documents = ["  This is my first document", "Second document  "]
    pipeline = build_pipeline("test-collection")
    nodes = pipeline.run(documents=documents, num_workers=2)
    print("RESULT=" + "|".join(nodes))
