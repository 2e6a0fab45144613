"""Word lists written as one space-separated string, so long vocabularies stay readable."""


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())
