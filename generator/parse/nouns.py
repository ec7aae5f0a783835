"""English noun forms, as names need them: a tag's noun in the plural and the singular."""

from __future__ import annotations


def noun_forms(words: list[str]) -> list[tuple[str, ...]]:
    """A noun phrase in the plural and the singular (its last word changed), longest first."""
    if not words:
        return []
    *head, last = words
    forms = {tuple(words), (*head, singular(last)), (*head, plural(last))}
    return sorted(forms, key=lambda f: (-len(" ".join(f)), f))


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


def plural(word: str) -> str:
    if word.endswith("s"):
        return word
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x")):
        return word + "es"
    return word + "s"
