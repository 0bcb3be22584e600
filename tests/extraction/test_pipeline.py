"""The pipeline's Doc keeps the text exactly; the components are registered and versioned."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.pipeline import COMPONENTS, language, whitespace_doc


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab đơ\n\t.,")), max_size=80))
def test_pipeline_whitespace_doc_round_trips_text(text):
    doc = whitespace_doc(language(), text)
    assert doc.text == text


def test_pipeline_components_are_registered_under_versioned_names():
    nlp = language()
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert all(name.startswith("giaoviec_") and name.endswith("_v1") for name in COMPONENTS)


def test_pipeline_assembled_from_its_config():
    from extraction.pipeline import PipelineConfig, pipeline_settings, rules_pipeline

    settings = pipeline_settings(rules_pipeline())
    assert list(settings["nlp"]["pipeline"]) == list(COMPONENTS)
    assert PipelineConfig().components == COMPONENTS
    # a pipeline of two components, written by hand, runs: segments without roles or deadlines
    two = '[nlp]\npipeline = ["seg", "dl"]\n[components]\n[components.seg]\nfactory = "giaoviec_segment_v1"\n[components.dl]\nfactory = "giaoviec_deadlines_v1"\n'
    nlp = language(two)
    assert nlp.pipe_names == ["seg", "dl"]


@pytest.mark.parametrize(
    "bad",
    ['[nlp]\nlang = "vi"\n', '[nlp]\npipeline = ["missing"]\n[components]\n'],
)
def test_pipeline_config_errors_are_clear(bad):
    from extraction.pipeline import pipeline_settings

    with pytest.raises(ValueError, match="pipeline"):
        pipeline_settings(bad)
