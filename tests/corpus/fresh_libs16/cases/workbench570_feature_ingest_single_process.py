# family: callable
# hazard: none
# line: none
# files: l28kit/__init__.py l28kit/featurestore.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: https://github.com/SuperCowPowers/workbench/issues/570 -- near miss: the work-round ("Keep max_workers=1, max_processes=1 until AWS fixes this", here max_processes=1 with two threads): the ingestion manager takes its single-process path, puts the rows with its thread pool and never builds the Pool with the local initializer
"""Turn a DataFrame into a Feature Set: create the feature group and ingest the rows in parallel."""
import argparse
from dataclasses import dataclass

import numpy as np
import pandas as pd

from l28kit.featurestore import FeatureGroup


@dataclass
class IngestSettings:
    region: str = "us-west-2"
    max_workers: int = 2
    max_processes: int = 1


class DataToFeaturesLight:
    """workbench's transform: a DataFrame in, a Feature Set (SageMaker feature group) out."""

    def __init__(self, feature_set_name, settings):
        self.feature_set_name = feature_set_name
        self.settings = settings
        self.output_df = None

    def transform_impl(self, input_df):
        df = input_df.copy()
        df["solubility_class"] = np.where(df["logS"] > -2.0, "high", "low")
        df["event_time"] = pd.Timestamp("2026-05-30").isoformat()
        self.output_df = df
        return df

    def post_transform(self):
        group = FeatureGroup(self.feature_set_name, self.settings.region)
        group.load_feature_definitions(self.output_df)
        return group.ingest(self.output_df, max_workers=self.settings.max_workers,
                            max_processes=self.settings.max_processes)


def sample_compounds(count=24):
    rng = np.random.default_rng(7)
    return pd.DataFrame({"id": [f"cmpd-{i:03d}" for i in range(count)],
                         "mol_weight": rng.uniform(100, 500, count).round(2),
                         "logS": rng.uniform(-6, 1, count).round(3)})


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=IngestSettings.max_processes)
    args = parser.parse_args()
    transform = DataToFeaturesLight("aqsol_features", IngestSettings(max_processes=args.processes))
    transform.transform_impl(sample_compounds())
    ingested = transform.post_transform()
    print(f"ingested {ingested} rows into {transform.feature_set_name}")
    print(f"RESULT={ingested}")


if __name__ == "__main__":
    main()
