"""Synthetic near-infrared eye images (640x400 in RITnet, smaller here) and the shared pre-processing."""
import numpy as np

IMAGE_SHAPE = (80, 128)


def synth_eye(index: int) -> np.ndarray:
    """A dark pupil on a brighter iris, with a gradient so contrast equalisation has work to do."""
    rows, cols = np.mgrid[0:IMAGE_SHAPE[0], 0:IMAGE_SHAPE[1]]
    centre = (40 + index % 5, 60 + index % 9)
    radius = np.hypot(rows - centre[0], cols - centre[1])
    image = 90 + cols * 0.6 + (radius < 25) * 40 - (radius < 9) * 110
    return np.clip(image, 0, 255).astype(np.uint8)


def gamma_table(gamma: float = 0.8) -> np.ndarray:
    return np.array([((i / 255.0) ** gamma) * 255 for i in range(256)], dtype=np.uint8)


def to_tensor_ready(image: np.ndarray) -> np.ndarray:
    return ((image.astype(np.float32) / 255.0) - 0.5)[None, :, :]
