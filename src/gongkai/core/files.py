"""Serving stored files: always through a view that checked visibility first, never by path.

No URL maps onto MEDIA_ROOT, in any mode (DEBUG included): a draft's or a withdrawn
document's attachment must not be reachable by guessing its storage name. The view that
decided the reader may see a file hands it over with `protected_file_response`, which, by
`MEDIA_SERVE`:

* `django` (default): streams the file from the storage (filesystem or S3) through Django;
* `x-accel-redirect`: answers with an empty body and `X-Accel-Redirect: MEDIA_INTERNAL_URL +
  name`, and nginx sends the file from an `internal` location (docs/deploy.md);
* `x-sendfile`: the same for Apache mod_xsendfile, with the file's absolute path
  (percent-encoded, as storage names are Chinese).

The two proxy modes need a filesystem storage; with S3 the file is streamed.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _

MEDIA_SERVE_MODES = ("django", "x-accel-redirect", "x-sendfile")


def _content_disposition(filename: str, as_attachment: bool) -> str:
    kind = "attachment" if as_attachment else "inline"
    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    ascii_name = ascii_name.replace('"', "").replace("\\", "")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def protected_file_response(fieldfile, *, filename: str, content_type: str = "",
                            as_attachment: bool = True) -> HttpResponse:
    """The response for a stored file the caller has already checked the reader may see."""
    if not fieldfile or not fieldfile.name:
        raise Http404(_("附件文件不存在"))
    content_type = content_type or "application/octet-stream"
    mode = getattr(settings, "MEDIA_SERVE", "django")
    storage = fieldfile.storage
    if mode != "django" and isinstance(storage, FileSystemStorage):
        if not storage.exists(fieldfile.name):
            raise Http404(_("附件文件不存在"))
        response = HttpResponse(content_type=content_type)
        if mode == "x-accel-redirect":
            internal = settings.MEDIA_INTERNAL_URL.rstrip("/") + "/"
            response["X-Accel-Redirect"] = internal + quote(fieldfile.name)
        else:
            # Percent-encoded: headers are ASCII; mod_xsendfile unescapes (XSendFileUnescape).
            response["X-Sendfile"] = quote(storage.path(fieldfile.name))
        response["Content-Disposition"] = _content_disposition(filename, as_attachment)
        response["X-Content-Type-Options"] = "nosniff"
        return response
    try:
        handle = fieldfile.open("rb")
    except (FileNotFoundError, ValueError, OSError) as exc:
        raise Http404(_("附件文件不存在")) from exc
    response = FileResponse(handle, as_attachment=as_attachment, filename=filename,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
