"""Each feature's routes: one module per feature, each exposing ``router``."""
