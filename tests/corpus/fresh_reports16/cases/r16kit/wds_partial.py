"""The dataset factory after Megatron-Energon PR #252: lambdas became functools.partial of module functions."""
import functools

from .wds_common import (CaptioningSample, GenericWebdataset, apply_field_map, make_shards,
                         part_in_set, wrap_sample)

FIELD_MAP = {"__key__": "__key__", "jpg": "image", "txt": "caption"}


def build_captioning_dataset(n_shards=4):
    return GenericWebdataset(
        make_shards(n_shards),
        part_filter=functools.partial(part_in_set, parts=frozenset(FIELD_MAP)),
        field_mapper=functools.partial(apply_field_map, field_map=FIELD_MAP),
        sample_wrapper=functools.partial(wrap_sample, sample_type=CaptioningSample),
    )
