"""The `gongkai` console script: Django's management commands under one name.

`gongkai import …`, `gongkai demo`, `gongkai workdays add …` and every Django command
(`gongkai migrate`, `gongkai runserver`) work from any directory: data lives in GONGKAI_DATA_DIR
(default: the checkout's var/, or ~/.local/share/gongkai for an installed package).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    # `gongkai serve` is the production server: the production profile unless told otherwise.
    profile = "gongkai.settings_production" if args[1:2] == ["serve"] else "gongkai.settings"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", profile)
    from django.core.management import execute_from_command_line

    args[0] = "gongkai"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
