"""newsfuse: overlapping news reports in, one source-attributed account out."""

__version__ = "0.1.0"
