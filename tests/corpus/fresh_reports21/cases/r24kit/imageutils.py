"""micasense-like band alignment: captures of several bands and the per-band alignment step."""
from dataclasses import dataclass, field


@dataclass
class Capture:
    name: str
    bands: list = field(default_factory=list)   # one list of pixel values per band
    ref_index: int = 0

    def alignment_pairs(self, max_shift=4):
        ref = self.bands[self.ref_index]
        return [
            {"band_index": i, "ref": ref, "img": band, "max_shift": max_shift}
            for i, band in enumerate(self.bands)
            if i != self.ref_index
        ]


def align_band(pair):
    """Find the shift that best lines the band up with the reference (a 1-D cross-correlation)."""
    ref, img, max_shift = pair["ref"], pair["img"], pair["max_shift"]
    best_shift, best_score = 0, None
    for shift in range(-max_shift, max_shift + 1):
        score = 0
        for i, value in enumerate(ref):
            j = i + shift
            if 0 <= j < len(img):
                score += value * img[j]
        if best_score is None or score > best_score:
            best_shift, best_score = shift, score
    return pair["band_index"], best_shift


def demo_capture(name, shifts, width=32):
    base = [((i * 7) % 11) * ((i * 3) % 5 + 1) for i in range(width)]
    bands = [base]
    for shift in shifts:
        bands.append([base[i - shift] if 0 <= i - shift < width else 0 for i in range(width)])
    return Capture(name=name, bands=bands)
