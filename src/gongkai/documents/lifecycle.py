"""Old import path of the relation and 时效性 services, kept while other branches move over.

Relations live in ``documents/relations.py``, 时效性 in ``documents/validity.py``, the reads in
``documents/selectors.py``; import from there.
"""

from gongkai.documents.relations import (  # noqa: F401
    LinkResult,
    reference_resolve,
    relation_confirm,
    relations_extract_and_link,
    relations_resolve_pending,
)
from gongkai.documents.selectors import (  # noqa: F401
    Conflict,
    ConflictsReport,
    conflicts_report,
    decision_worklist,
    pending_changes,
)
from gongkai.documents.validity import (  # noqa: F401
    Change,
    LifecycleError,
    LifecycleReport,
    lifecycle_apply_due,
    validity_change,
)
