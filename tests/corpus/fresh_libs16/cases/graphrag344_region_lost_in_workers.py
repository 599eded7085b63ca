# family: results
# hazard: library-client-config-lost-when-pickled-to-workers
# line: 54 l28kit/pipeline_utils.py:35
# files: l28kit/__init__.py l28kit/bedrock.py l28kit/pipeline_utils.py
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 60
# note: https://github.com/awslabs/graphrag-toolkit/issues/344 -- "ValidationException ... The provided model identifier is invalid": graphrag-toolkit's extraction pipeline maps its transforms over node batches with a ProcessPoolExecutor, which pickles them (under every start method); the BedrockConverse LLM drops its unpicklable boto3 client when pickled and the worker builds a new one from AWS_REGION (the Neptune deployment region), so the us-west-2 region configured for Bedrock is lost and every batch's topic extraction fails in the workers while it works in the parent
"""Index documents into a lexical graph: chunk them, extract topics with a Bedrock model in worker processes."""
import argparse
import os
import sys
from dataclasses import dataclass

from l28kit.bedrock import BedrockConverse
from l28kit.pipeline_utils import Node, TopicExtractor, run_pipeline

os.environ.setdefault("AWS_REGION", "ap-northeast-2")   # where the Neptune graph store is deployed

DOCUMENTS = {
    "neptune": "Amazon Neptune stores the lexical graph. Chunks, statements and entities become vertices.",
    "bedrock": "Extraction prompts go to Anthropic models through cross-region inference profiles.",
    "opensearch": "Embeddings for retrieval live in OpenSearch Serverless collections next to the graph.",
}


@dataclass
class GraphRAGConfig:
    extraction_llm: str = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"
    bedrock_region: str = "us-west-2"
    extraction_num_workers: int = 2
    extraction_batch_size: int = 2


def chunk(documents, max_words=8):
    nodes = []
    for source, text in sorted(documents.items()):
        words = text.split()
        for i in range(0, len(words), max_words):
            nodes.append(Node(f"{source}:{i // max_words}", " ".join(words[i:i + max_words])))
    return nodes


class LexicalGraphIndex:
    def __init__(self, config):
        self.config = config
        self.llm = BedrockConverse(model=config.extraction_llm, region_name=config.bedrock_region)

    def check_model(self):
        return self.llm.complete("Connectivity check for the extraction model")

    def extract(self, documents):
        nodes = chunk(documents)
        transform = TopicExtractor(self.llm)
        return run_pipeline(transform, nodes, num_workers=self.config.extraction_num_workers,
                            batch_size=self.config.extraction_batch_size)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    index = LexicalGraphIndex(GraphRAGConfig(extraction_num_workers=args.workers))
    print("model check:", index.check_model(), "in", index.llm.region)
    nodes = index.extract(DOCUMENTS)
    extracted = [node for node in nodes if node.metadata["topics"]]
    print(f"{len(extracted)} of {len(nodes)} chunks have topics")
    print(f"RESULT={len(extracted)}")
    if len(extracted) != len(nodes):
        sys.exit(3)


if __name__ == "__main__":
    main()
