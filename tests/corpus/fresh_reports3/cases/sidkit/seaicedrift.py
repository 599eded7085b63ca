"""Stand-in for sea_ice_drift.SeaIceDrift."""
from sidkit import pmlib


class SeaIceDrift:
    def __init__(self, filename1, filename2):
        self.img1 = [ord(c) % 7 for c in filename1]
        self.img2 = [ord(c) % 5 for c in filename2]

    def get_drift_PM(self, points, hws=35, threads=2):
        return pmlib.pattern_matching(points, self.img1, self.img2, offset=hws, threads=threads)
