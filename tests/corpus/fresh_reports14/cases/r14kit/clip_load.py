"""clip.load() as openai/CLIP had it before PR #151: the preprocess pipeline converts to RGB with a lambda."""
from .transforms import CenterCrop, Compose, Normalize, Resize, ToTensor


class CLIPModel:
    def __init__(self, name: str, input_resolution: int):
        self.name = name
        self.input_resolution = input_resolution

    def encode_image(self, values):
        return round(sum(values) / max(1, len(values)), 6)


def _transform(n_px):
    return Compose([
        Resize(n_px),
        CenterCrop(n_px),
        lambda image: image.convert("RGB"),
        ToTensor(),
        Normalize(0.48145466, 0.26862954),
    ])


def load(name: str = "ViT-B/32"):
    model = CLIPModel(name, 8)
    return model, _transform(model.input_resolution)
