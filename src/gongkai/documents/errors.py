from gongkai.core.errors import GongkaiError


class DocumentError(GongkaiError):
    """A document could not be created, changed or imported; `field` names the culprit."""

    code = "document"
