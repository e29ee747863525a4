from gongkai.core.errors import GongkaiError


class CleanupError(GongkaiError):
    """A cleanup step could not be done; `field` names the culprit."""

    code = "cleanup"
