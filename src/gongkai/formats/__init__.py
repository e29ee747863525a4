"""Local format overrides (settings.FORMAT_MODULE_PATH).

`<input type="date">` only understands ISO dates (YYYY-MM-DD): Django renders a date field's
value with the first of the locale's DATE_INPUT_FORMATS, which for zh-hans is `%Y/%m/%d`, so
a pre-filled date showed as empty in a Chinese browser. ISO comes first here, for every form of
every app; the other spellings are still accepted as input.
"""
