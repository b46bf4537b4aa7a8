"""Deterministic demo data: one senior high school, one community organization, one network.

Running it twice changes nothing: everything is looked up by slug or identifier first.

One module per thing seeded: `organizations` (the network, the two organizations, their people
and accounts; `load_demo` runs everything in order), `people` (names and the roster and account
helpers), `screening`, `support`, `counseling`, `programs` and `guidance` (the BK program
cycle; the words of its RPLs in `guidance_plans`).
"""

from sebaya.core.demo.organizations import load_demo
from sebaya.core.demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET

__all__ = ["DEMO_PASSWORD", "DEMO_TOTP_SECRET", "load_demo"]
