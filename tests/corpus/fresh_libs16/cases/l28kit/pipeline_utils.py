"""graphrag-toolkit's extraction pipeline: node batches are transformed in a process pool."""
import logging
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class Node:
    node_id: str
    text: str
    metadata: dict = field(default_factory=dict)


class TopicExtractor:
    """A transform: asks the LLM for the topics of each node and stores them in the node's metadata."""

    def __init__(self, llm):
        self.llm = llm

    def __call__(self, nodes):
        for node in nodes:
            try:
                node.metadata["topics"] = self.llm.complete(f"Extract topics: {node.text}")
            except Exception as error:  # graphrag-toolkit logs the failed batch and goes on
                log.warning("topic extraction failed for %s: %s", node.node_id, error)
                node.metadata["topics"] = []
        return nodes


def run_pipeline(transform, nodes, num_workers=2, batch_size=2):
    node_batches = [nodes[i:i + batch_size] for i in range(0, len(nodes), batch_size)]
    with ProcessPoolExecutor(max_workers=num_workers) as p:
        processed_node_batches = p.map(transform, node_batches)
        return [node for batch in processed_node_batches for node in batch]
