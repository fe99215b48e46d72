"""The tool's version, read by the build (hatch) and at run time without
importlib.metadata, which would cost a cold start more than evaluating."""

__version__ = "0.1.0"
