"""The pinyin search keys stored beside every customer and contact name ("zhangsan", "zs")."""

from __future__ import annotations

from workstation.demo.pinyin import latin_search_keys, pinyin_parts


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def name_search_keys(name: str) -> tuple[str, str]:
    """(pinyin_full, pinyin_initials) of a name; a Latin name is its lower-cased self in both."""
    name = name.strip()
    if has_cjk(name):
        return pinyin_parts(name)
    return latin_search_keys(name)
