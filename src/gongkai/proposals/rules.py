"""The rules file (`data/rules.yaml`, or `PROPOSAL_RULES_FILE`) → `domain.rules.Rules`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings

from gongkai.proposals.domain.rules import Rules, rules_from_dict

DEFAULT = Path(__file__).parent / "data" / "rules.yaml"


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> Rules:
    return rules_from_dict(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})


def proposal_rules() -> Rules:
    path = Path(getattr(settings, "PROPOSAL_RULES_FILE", "") or DEFAULT)
    return _load(str(path), path.stat().st_mtime)
