"""Benchmark suite: figures (milliseconds) beside their raw-SQL floors, medians and p95s.

Run `python -m tests.bench --scale small|full --backend sqlite|postgresql --json FILE`.
"""
