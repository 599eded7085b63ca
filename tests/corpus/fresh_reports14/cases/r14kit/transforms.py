"""torchvision-like transforms over a tiny image type (all of them module-level classes)."""
from dataclasses import dataclass
from typing import List


@dataclass
class Image:
    mode: str
    width: int
    height: int
    pixels: List[int]

    def convert(self, mode: str) -> "Image":
        if mode == self.mode:
            return self
        if mode == "RGB" and self.mode == "L":
            return Image("RGB", self.width, self.height, [p for p in self.pixels for _ in range(3)])
        raise ValueError(f"cannot convert {self.mode} to {mode}")


class Compose:
    def __init__(self, transforms):
        self.transforms = list(transforms)

    def __call__(self, img):
        for t in self.transforms:
            img = t(img)
        return img


class Resize:
    def __init__(self, size: int):
        self.size = size

    def __call__(self, img: Image) -> Image:
        step = max(1, img.width // self.size)
        return Image(img.mode, min(img.width, self.size), img.height, img.pixels[::step])


class CenterCrop:
    def __init__(self, size: int):
        self.size = size

    def __call__(self, img: Image) -> Image:
        return img


class ToTensor:
    def __call__(self, img: Image) -> List[float]:
        return [p / 255.0 for p in img.pixels]


class Normalize:
    def __init__(self, mean: float, std: float):
        self.mean = mean
        self.std = std

    def __call__(self, values: List[float]) -> List[float]:
        return [(v - self.mean) / self.std for v in values]
