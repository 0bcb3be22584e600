"""Parts of speech from underthesea's bundled CRF tagger (offline, no download), for the one
place the grammar's cue lists run out: a verb they do not hold, written after a name.

"Ủy ban nhân dân các tỉnh sắp xếp lại các đơn vị ..." — "sắp xếp" is in no cue list, so the
name would run on to the next stop. The tagger knows it is a verb. It is asked only about words
the grammar cannot place (:func:`extraction.grammar.noun_phrase_end`), and loads on first use
(about 0.5 s), so documents that never need it do not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

VERB = "V"


@cache
def _tagger() -> Callable[[str], list[tuple[str, str]]]:
    from underthesea import pos_tag

    return pos_tag  # type: ignore[no-any-return]


@lru_cache(maxsize=4096)
def tagged_offsets(phrase: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, tag) of each word of ``phrase`` as the tagger segments it.

    The tagger's word segmentation may move a tone mark ("Hoá" → "Hóa") but keeps each word's
    length, so offsets are recovered by walking the phrase; a word that does not line up ends
    the walk (what follows is left untagged rather than misplaced)."""
    out = []
    cursor = 0
    for word, tag in _tagger()(phrase):
        while cursor < len(phrase) and phrase[cursor].isspace():
            cursor += 1
        end = cursor + len(word)
        if phrase[cursor:end].casefold()[:1] != word.casefold()[:1]:
            break
        out.append((cursor, end, tag))
        cursor = end
    return tuple(out)


def verb_at(phrase: str, offset: int, *, one_syllable: bool = False) -> bool:
    """Whether a word of two syllables or more that the tagger reads as a verb starts at
    ``offset`` of ``phrase`` ("sắp xếp", "giải ngân"; one syllable is too often part of a name:
    "tỉnh ủy", "cấp"), or a one-syllable verb with its result or object ("rút ngắn", "làm rõ",
    "coi đây là": a verb then an adjective, a verb or a pronoun); with ``one_syllable`` any verb
    the tagger reads (after a list of lower-case kinds no name goes on: "Các cấp ủy gắn ...")."""
    words = tagged_offsets(phrase)
    for i, (start, end, tag) in enumerate(words):
        if start != offset or tag != VERB or not phrase[start:end].islower():
            continue
        if " " in phrase[start:end] or one_syllable:
            return True
        following = words[i + 1] if i + 1 < len(words) else None
        return following is not None and following[2] in RESULT_TAGS and phrase[following[0] : following[1]].islower()
    return False


RESULT_TAGS = frozenset({"A", VERB, "P"})


def tag_before(phrase: str, offset: int) -> str | None:
    """The tag of the word that ends right before ``offset`` (spaces between), if any."""
    previous = [tag for start, end, tag in tagged_offsets(phrase) if end <= offset and not phrase[end:offset].strip()]
    return previous[-1] if previous else None
