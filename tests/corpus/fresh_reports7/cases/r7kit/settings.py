"""Process-wide settings read by the workers (the pebble #71 shape)."""


class Config:
    scale = 1.0
    label = "default"


def configure(scale, label):
    Config.scale = scale
    Config.label = label
