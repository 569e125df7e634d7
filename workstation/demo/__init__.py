"""Demo data: a realistic service centre (customers, devices, two years of tickets) at any size.

Used on first start (a small set into an empty database), for training, and
to load a million customers for the performance budgets. Pure Python, no Qt.
"""

from workstation.demo.generator import (
    DemoDataExists,
    DemoSummary,
    demo_data_present,
    generate_demo_data,
)
from workstation.demo.users import DEMO_SIGN_INS, STAFF_PASSWORD

__all__ = [
    "DEMO_SIGN_INS",
    "STAFF_PASSWORD",
    "DemoDataExists",
    "DemoSummary",
    "demo_data_present",
    "generate_demo_data",
]
