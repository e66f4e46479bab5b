"""The demo archive: the seed facts in four languages (:mod:`.seed`, worded in :mod:`.wording`)
and synthetic records to fill it (:mod:`.synthetic`)."""

from .seed import LANGUAGES, load_demo
from .synthetic import generate_synthetic_people, synthetic_person

__all__ = ["LANGUAGES", "generate_synthetic_people", "load_demo", "synthetic_person"]
