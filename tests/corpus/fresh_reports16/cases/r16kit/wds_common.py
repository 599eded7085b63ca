"""Megatron-Energon-like webdataset pieces shared by both dataset factories."""
from dataclasses import dataclass


@dataclass
class WorkerConfig:
    rank: int = 0
    world_size: int = 1
    num_workers: int = 2


def make_shards(n_shards=4, per_shard=5):
    return [[{"__key__": "s%d-%d" % (s, i), "jpg": "img%d" % (s * per_shard + i), "txt": "c%d" % i}
             for i in range(per_shard)] for s in range(n_shards)]


def part_in_set(sample, parts):
    return {k: v for k, v in sample.items() if k in parts or k == "__key__"}


def apply_field_map(sample, field_map):
    return {field_map.get(k, k): v for k, v in sample.items()}


def wrap_sample(sample, sample_type):
    return sample_type(**{k.strip("_"): v for k, v in sample.items()})


@dataclass
class CaptioningSample:
    key: str
    image: str
    caption: str


class GenericWebdataset:
    """Applies its filters and mappers, in order, to every sample of the shards it is given."""

    def __init__(self, shards, part_filter, field_mapper, sample_wrapper):
        self.shards = shards
        self.part_filter = part_filter
        self.field_mapper = field_mapper
        self.sample_wrapper = sample_wrapper

    def iter_shard(self, index):
        for raw in self.shards[index]:
            yield self.sample_wrapper(self.field_mapper(self.part_filter(raw)))
