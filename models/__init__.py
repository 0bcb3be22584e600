"""giaoviec's learned parts: corpus, training, evaluation, model versions, Label Studio.

Imports go one way: ``models`` reads ``extraction``, never the reverse. Modules that load
spaCy models, torch or the Label Studio SDK import them inside functions, so importing
``models.loaders`` stays cheap enough for every ``giaoviec`` start.
"""
