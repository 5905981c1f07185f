"""Following, pure logic: what may be followed or muted, mutes, ranking, signing, messages.

No storage here: `tidings.pipeline.follows`, `pipeline.alerts` and `pipeline.digests` call
these functions and store what they return.
"""
