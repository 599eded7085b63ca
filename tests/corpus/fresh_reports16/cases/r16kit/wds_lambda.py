"""The dataset factory before Megatron-Energon PR #252: its callables are lambdas."""
from .wds_common import CaptioningSample, GenericWebdataset, apply_field_map, make_shards, wrap_sample

FIELD_MAP = {"__key__": "__key__", "jpg": "image", "txt": "caption"}


def build_captioning_dataset(n_shards=4):
    parts = set(FIELD_MAP)
    return GenericWebdataset(
        make_shards(n_shards),
        part_filter=lambda sample: {k: v for k, v in sample.items() if k in parts},
        field_mapper=lambda sample: apply_field_map(sample, FIELD_MAP),
        sample_wrapper=lambda sample: wrap_sample(sample, CaptioningSample),
    )
