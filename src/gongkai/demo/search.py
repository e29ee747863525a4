"""Demo hook: after the demo documents are loaded, build the search index."""

from __future__ import annotations

from gongkai.search.services import reindex_all


def load(*, stdout) -> None:
    result = reindex_all()
    stdout.write(f"检索索引：{result.count} 件文件，{result.seconds:.2f} 秒（{result.backend}）\n")
