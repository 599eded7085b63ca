"""imageutils.align_capture as micasense's imageprocessing had it (issue #36)."""
import multiprocessing

from r24kit.imageutils import align_band


def align_capture(capture, max_shift=4, processes=2):
    """Align every band of the capture to the reference band, in a process pool."""
    multiprocessing.set_start_method("spawn")
    warps = {}
    with multiprocessing.Pool(processes=processes) as pool:
        for band_index, shift in pool.imap_unordered(align_band, capture.alignment_pairs(max_shift)):
            warps[band_index] = shift
    return [warps[i] for i in sorted(warps)]
