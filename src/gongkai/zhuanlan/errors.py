from gongkai.core.domain.errors import GongkaiError


class ColumnError(GongkaiError):
    """A 专栏 write refused: ``field`` names the input at fault."""

    code = "column"
