"""The pipeline's Doc keeps the text exactly; the components are registered and versioned."""

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
