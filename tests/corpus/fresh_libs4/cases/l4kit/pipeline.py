"""An ingestion pipeline that fans documents out to worker processes (llama_index's shape)."""
from concurrent.futures import ProcessPoolExecutor
from functools import partial


def run_transformations(doc, transformations, cache=None):
    for name in transformations:
        doc = getattr(str, name)(doc)
    if cache is not None:
        return cache.key_for(doc)
    return doc


class IngestionPipeline:
    def __init__(self, transformations, cache=None):
        self.transformations = list(transformations)
        self.cache = cache

    def run(self, documents, num_workers=None):
        if not num_workers:
            return [run_transformations(d, self.transformations, self.cache) for d in documents]
        with ProcessPoolExecutor(max_workers=num_workers) as executor:
            work = partial(run_transformations, transformations=self.transformations, cache=self.cache)
            return list(executor.map(work, documents))
