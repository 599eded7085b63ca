"""shimming-toolbox-like least-squares shim optimizer over the slices of a field map."""
from dataclasses import dataclass


@dataclass
class Coil:
    name: str
    profile: list  # field per voxel for 1 A


class LsqOptimizer:
    def __init__(self, coils, fieldmap, reg=0.01):
        self.coils = coils
        self.fieldmap = fieldmap  # list of slices, each a list of voxel values
        self.reg = reg

    def optimize_slice(self, slice_idx, bound):
        target = self.fieldmap[slice_idx]
        currents = []
        for coil in self.coils:
            prof = coil.profile[slice_idx]
            num = -sum(p * t for p, t in zip(prof, target))
            den = sum(p * p for p in prof) + self.reg
            currents.append(max(-bound, min(bound, num / den)))
        return currents


def example_problem(n_slices=6, n_vox=8):
    coils = [Coil("ch%d" % c, [[((s + 1) * (v + c + 1)) % 5 - 2.0 for v in range(n_vox)]
                                for s in range(n_slices)]) for c in range(3)]
    fieldmap = [[((s * 7 + v * 3) % 11) - 5.0 for v in range(n_vox)] for s in range(n_slices)]
    return coils, fieldmap
