import os
import sys
from pathlib import Path

# Analyser bugs must fail tests instead of becoming MP002 "internal error" findings.
os.environ.setdefault("MPGUARD_STRICT", "1")
sys.path.insert(0, str(Path(__file__).parent))
