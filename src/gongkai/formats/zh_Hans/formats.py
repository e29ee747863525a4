"""zh-hans: ISO first so <input type="date"> can show pre-filled values (see the package)."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403 - extend Django's locale

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S",
                          "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y年%m月%d日 %H:%M"]
