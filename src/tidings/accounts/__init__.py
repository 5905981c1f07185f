"""Readers' accounts and comments as pure logic: passwords, tokens, validation, login limits,
Markdown rendering and spam heuristics. Like a pipeline stage it imports no storage; the
pipeline (`tidings.pipeline.accounts`, `tidings.pipeline.comments`) combines it with the store.
"""
