"""Shapes and the functions an application wants recorded."""
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    kind: str
    a: float
    b: float = 0.0


def area(shape):
    if shape.kind == "circle":
        return round(math.pi * shape.a ** 2, 3)
    if shape.kind == "rect":
        return shape.a * shape.b
    raise ValueError(shape.kind)


def perimeter(shape):
    if shape.kind == "circle":
        return round(2 * math.pi * shape.a, 3)
    return 2 * (shape.a + shape.b)


def sample_shapes():
    return [Shape("circle", 1.0), Shape("rect", 2.0, 3.0), Shape("circle", 2.0), Shape("rect", 1.5, 4.0)]
