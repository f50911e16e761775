"""Benchmarks of referent: figures for the README, measured side by side."""
