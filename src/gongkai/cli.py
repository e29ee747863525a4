"""The `gongkai` console script: Django's management commands under one name.

`gongkai import …`, `gongkai demo`, `gongkai workdays add …` and every Django command
(`gongkai migrate`, `gongkai runserver`) work from any directory.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "gongkai"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
