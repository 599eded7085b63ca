"""Reduced stand-in for iree.turbine.kernel.wave scheduling (graph utilities and the modulo scheduler)."""
