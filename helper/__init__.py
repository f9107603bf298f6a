"""Conference Helper: find the sessions of a conference agenda that fit what you care about."""

__version__ = "0.1.0"
