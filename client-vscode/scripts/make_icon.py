"""Draws images/icon.png (128x128): a shield over three process branches. Pure Python (zlib), so
the icon can be regenerated anywhere: python3 scripts/make_icon.py"""
import math
import struct
import zlib
from pathlib import Path

SIZE, SS = 128, 4  # pixels, supersampling per axis


def inside_shield(x, y):
    # A shield: a rounded top, straight sides, and a point at the bottom (coordinates 0..1).
    if y < 0.12 or y > 0.92:
        return False
    half = 0.36 if y < 0.55 else 0.36 * (0.92 - y) / 0.37
    return abs(x - 0.5) <= half


def on_segment(x, y, ax, ay, bx, by, width):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= width


def colour(x, y):
    branches = [(0.5, 0.3, 0.5, 0.75), (0.5, 0.42, 0.32, 0.62), (0.5, 0.42, 0.68, 0.62)]
    if any(on_segment(x, y, *b, 0.045) for b in branches) or any(
            math.hypot(x - cx, y - cy) <= 0.07 for cx, cy in [(0.5, 0.28), (0.32, 0.64), (0.68, 0.64), (0.5, 0.77)]):
        return (255, 255, 255, 255) if inside_shield(x, y) else None
    if inside_shield(x, y):
        return (int(40 + 60 * y), int(90 + 50 * y), 200, 255)
    return None


rows = []
for py in range(SIZE):
    row = bytearray([0])
    for px in range(SIZE):
        acc = [0, 0, 0, 0]
        for sy in range(SS):
            for sx in range(SS):
                c = colour((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE)
                if c:
                    for i in range(4):
                        acc[i] += c[i]
        n = SS * SS
        alpha = acc[3] / n
        row += bytes([int(acc[i] / max(1, acc[3] / 255)) if acc[3] else 0 for i in range(3)] + [int(alpha)])
    rows.append(bytes(row))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)) + \
    chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
Path(__file__).resolve().parent.parent.joinpath("images", "icon.png").write_bytes(png)
