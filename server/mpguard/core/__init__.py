"""The analysis core: source text in, findings out. Imports nothing from pygls or lsprotocol."""
from mpguard.core.model import Applicability, Edit, Finding, Fix, Position
from mpguard.core.analyze import AnalysisResult, analyze

__all__ = ["Applicability", "Edit", "Finding", "Fix", "Position", "AnalysisResult", "analyze"]
