"""Placeholder; replaced below."""
class PipelineConfig: ...
def extract(*a, **k): raise NotImplementedError
def read_document(*a, **k): raise NotImplementedError
