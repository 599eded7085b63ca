"""Cost-report manifests and row parsing, in the shape of koku's masu processor."""
from dataclasses import dataclass, field


@dataclass
class ReportManifest:
    provider: str
    report_name: str
    rows: list = field(default_factory=list)

    @property
    def key(self):
        return f"{self.provider}/{self.report_name}"


def parse_rows(manifest):
    """Return (usage_total, bad_rows) for a manifest's raw rows."""
    total = 0.0
    bad = []
    for i, row in enumerate(manifest.rows):
        try:
            total += float(row["cost"])
        except (KeyError, ValueError):
            bad.append(i)
    return round(total, 2), bad


def sample_manifests():
    return [
        ReportManifest("aws", "2024-01", [{"cost": "1.5"}, {"cost": "2.25"}]),
        ReportManifest("azure", "2024-01", [{"cost": "4"}, {"cost": "0.75"}]),
        ReportManifest("gcp", "2024-01", [{"cost": "3.5"}, {"usage": "7"}]),
        ReportManifest("oci", "2024-01", [{"cost": "0.5"}]),
    ]
