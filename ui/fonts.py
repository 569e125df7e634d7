"""Fonts: make sure Chinese renders on Linux desks by adding a CJK family as a fallback."""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QFontDatabase, QGuiApplication

log = logging.getLogger(__name__)

# Best first; "WenQuanYi Micro Hei" is what Debian's fonts-wqy-microhei installs.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)


def cjk_family() -> str | None:
    """The first installed font family that has Simplified Chinese glyphs."""
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed and QFontDatabase.WritingSystem.SimplifiedChinese in (
            QFontDatabase.writingSystems(family)
        ):
            return family
    return None


def add_cjk_fallback(app: QGuiApplication) -> str | None:
    """On Linux, append a CJK family to the application font's families; return it.

    Windows and macOS fall back to their own Chinese fonts by themselves.
    """
    if not sys.platform.startswith("linux"):
        return None
    family = cjk_family()
    if family is None:
        log.warning(
            "no Chinese font found (install fonts-wqy-microhei): Chinese text may show as boxes"
        )
        return None
    font = app.font()
    families = list(font.families()) or [font.family()]
    if family not in families:
        font.setFamilies([*families, family])
        app.setFont(font)
    return family
