"""Variant normalisation backed by a native object (after variant_tools.cgatools.normalize_variant).

The real normaliser is a SWIG proxy whose `this` attribute is a SwigPyObject
(a raw C pointer); here `this` is a ctypes pointer, which pickle refuses the
same way.
"""
import ctypes
from dataclasses import dataclass


@dataclass(frozen=True)
class ImportSpec:
    """What a worker needs to rebuild its own normaliser."""
    ref_name: str
    ref_seq: str
    samples: tuple


class NativeNormalizer:
    def __init__(self, ref_name, ref_seq):
        self.ref_name = ref_name
        self._seq = ref_seq
        self.this = ctypes.pointer(ctypes.c_size_t(len(ref_seq)))

    def normalize(self, pos, ref, alt):
        # trim the shared suffix, then the shared prefix, as VCF normalisation does
        while len(ref) > 1 and len(alt) > 1 and ref[-1] == alt[-1]:
            ref, alt = ref[:-1], alt[:-1]
        while len(ref) > 1 and len(alt) > 1 and ref[0] == alt[0]:
            ref, alt, pos = ref[1:], alt[1:], pos + 1
        return pos, ref, alt


def make_normalizer(spec):
    return NativeNormalizer(spec.ref_name, spec.ref_seq)


def parse_records(lines):
    records = []
    for line in lines:
        chrom, pos, ref, alt, *gts = line.split()
        records.append((chrom, int(pos), ref, alt, tuple(gts)))
    return records
