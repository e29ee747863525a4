"""en: ISO first so <input type="date"> can show pre-filled values (see the package)."""

from django.conf.locale.en.formats import *  # noqa: F403 - extend Django's locale

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d"]
