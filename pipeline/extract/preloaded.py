"""Importing this module loads the model, registry and gazetteer.

The fork server of `pipeline.fanout` imports it once, so every worker process forked from the
server shares what it loaded instead of loading its own copy."""

from pipeline.extract.document import preload

preload()
