"""Pipeline stages run by the outer pool; feature extraction lives in flowkit.features."""
from flowkit import features


def featurize_document(doc):
    words = doc.split()
    return features.extract(words)
