"""Benchmarks of the generator at archive scale: a synthetic archive writer and a runner."""
