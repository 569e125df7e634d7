"""The text in a device's QR code (passport label, service sheet): "SDW:EQ:<serial>".

A barcode scanner types it into the search field followed by Enter; the lookup recognises the
prefix and opens the device (services/lookup.py). Upper-case letters, digits and ":-./ " keep
the code in QR's dense alphanumeric mode, so a short serial fits a small label.
"""

from __future__ import annotations

PREFIX = "SDW:EQ:"


def device_payload(serial: str) -> str:
    """What the QR code of the device with this serial says."""
    return PREFIX + serial.strip()


def serial_in_payload(text: str) -> str | None:
    """The serial a scanned or pasted payload names (the prefix in any case, blanks around
    ignored), else None. The lookup compares it as it compares a typed serial."""
    stripped = text.strip()
    if stripped[: len(PREFIX)].upper() != PREFIX:
        return None
    serial = stripped[len(PREFIX) :].strip()
    return serial or None
