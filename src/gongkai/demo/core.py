"""Demo unit tree and one user per role (`gongkai demo`). Idempotent."""

from __future__ import annotations

from gongkai.core.domain.roles import Role
from gongkai.core.models import Unit
from gongkai.core.services import unit_save, user_save

DEMO_PASSWORD = "gongkai-demo"  # demo data only; printed by `make run`

GROUP_DISTRICT = "区政府"
GROUP_MANY = "承担行政许可事项较多的部门"
GROUP_FEW = "承担行政许可事项较少的部门"

# (full name, code, kind, parent full name, short names, aliases, 机关代字, assessment group)
UNITS = [
    ("湖北省人民政府", "011000000", "province", None, ["湖北省政府", "省人民政府", "省政府"], [], ["鄂政", "鄂政发"], ""),
    ("湖北省人民政府办公厅", "011000001", "department", "湖北省人民政府", ["湖北省政府办公厅", "省政府办公厅"], [], ["鄂政办", "鄂政办发", "鄂政办电"], ""),
    ("武汉市人民政府", "011043200", "city", "湖北省人民政府", ["武汉市政府", "市人民政府", "市政府"], [], ["武政", "武政规", "武汉市人民政府令"], ""),
    ("武汉市人民政府办公厅", "011043201", "department", "武汉市人民政府", ["武汉市政府办公厅", "市人民政府办公厅", "市政府办公厅"], ["市政务公开办"], ["武政办"], GROUP_FEW),
    ("新洲区人民政府", "011043217", "district", "武汉市人民政府", ["新洲区政府", "新洲区"], [], ["新政", "新政办"], GROUP_DISTRICT),
    ("江岸区人民政府", "011043202", "district", "武汉市人民政府", ["江岸区政府", "江岸区"], [], ["岸政", "岸政办"], GROUP_DISTRICT),
    ("武昌区人民政府", "011043206", "district", "武汉市人民政府", ["武昌区政府", "武昌区"], [], ["武昌政", "武昌政办"], GROUP_DISTRICT),
    ("洪山区人民政府", "011043211", "district", "武汉市人民政府", ["洪山区政府", "洪山区"], [], ["洪政", "洪政办"], GROUP_DISTRICT),
    ("武汉市发展和改革委员会", "011043231", "department", "武汉市人民政府", ["市发展改革委", "武汉市发改委"], [], ["武发改"], GROUP_MANY),
    ("武汉市市场监督管理局", "011043232", "department", "武汉市人民政府", ["市市场监管局"], [], ["武市监"], GROUP_MANY),
    ("武汉市自然资源和规划局", "011043233", "department", "武汉市人民政府", ["市自然资源和规划局"], [], ["武自然资规"], GROUP_MANY),
    ("武汉市生态环境局", "011043234", "department", "武汉市人民政府", ["市生态环境局"], [], ["武环"], GROUP_MANY),
    ("武汉市统计局", "011043230", "department", "武汉市人民政府", ["市统计局"], [], ["武统"], GROUP_FEW),
    ("武汉市财政局", "011043235", "department", "武汉市人民政府", ["市财政局"], [], ["武财"], GROUP_FEW),
    ("武汉市司法局", "011043236", "department", "武汉市人民政府", ["市司法局"], [], ["武司"], GROUP_FEW),
]

# Seed 19's two assessor stages: `evaluator` (the 第三方机构, here entering every manual score of
# the demo runs) sees all; `evaluator_portal` only the 门户网站内容保障测评 indicators.
ASSESSOR_STAGES = {"evaluator": "", "evaluator_portal": "门户网站内容保障测评"}

# username, unit, roles, display name
USERS = [
    ("submitter", "武汉市人民政府办公厅", [Role.SUBMITTER], "报送员（市政府办公厅）"),
    ("reviewer", "武汉市人民政府办公厅", [Role.REVIEWER], "审核员（市政府办公厅，旧角色：兼保密审查和审核批准）"),
    ("secrecy", "武汉市人民政府办公厅", [Role.SECRECY_REVIEWER], "保密审查员（市政府办公厅）"),
    ("approver", "武汉市人民政府办公厅", [Role.APPROVER], "审核批准人（市政府办公厅）"),
    ("publisher", "武汉市人民政府办公厅", [Role.PUBLISHER], "信息发布员（市政府办公厅）"),
    ("office", "武汉市人民政府", [Role.OFFICE], "市政务公开办"),
    ("evaluator", "武汉市人民政府", [Role.EVALUATOR], "第三方评估员"),
    ("duchashi", "武汉市人民政府办公厅", [Role.SUPERVISOR], "市人民政府督查室"),
    ("evaluator_portal", "武汉市人民政府", [Role.EVALUATOR], "门户网站内容保障测评评估员"),
    ("admin", None, [Role.ADMIN], "系统管理员"),
    # 新洲区: one person per post (武政办〔2014〕180号), so no one can take every step alone.
    ("xinzhou", "新洲区人民政府", [Role.SUBMITTER], "报送员（新洲区）"),
    ("xinzhou_secrecy", "新洲区人民政府", [Role.SECRECY_REVIEWER], "保密审查员（新洲区）"),
    ("xinzhou_approver", "新洲区人民政府", [Role.APPROVER, Role.PUBLISHER], "审核批准人（新洲区，兼信息发布）"),
]


def demo_refusal() -> str | None:
    """Why the demo must not run on this database, or None.

    The demo creates an administrator with a published password, so it runs only on an
    empty database or one it built itself: every user and unit is one of the demo's, and
    documents exist only if an earlier demo run marked the database (audit action
    ``demo_load``)."""
    from gongkai.core.models import AuditLog, User
    from gongkai.documents.models import Document

    demo_users = {u[0] for u in USERS}
    demo_units = {u[0] for u in UNITS}
    other_users = sorted(set(User.objects.values_list("username", flat=True)) - demo_users)
    other_units = sorted(set(Unit.objects.values_list("full_name", flat=True)) - demo_units)
    marked = AuditLog.objects.filter(action="demo_load").exists()
    documents = Document.objects.count()
    found = []
    if other_users:
        found.append(f"{len(other_users)} 个非演示用户（如 {'、'.join(other_users[:3])}）")
    if other_units:
        found.append(f"{len(other_units)} 个非演示单位（如 {'、'.join(other_units[:3])}）")
    if documents and not marked:
        found.append(f"{documents} 件不是演示数据载入的文件")
    if not found:
        return None
    return ("数据库中已有非演示数据：" + "；".join(found) + "。gongkai demo 会创建密码公开的"
            "演示账号（含系统管理员），因此拒绝在此数据库上运行；请换用一个空数据库"
            "（DATABASE_URL）。")


def demo_mark() -> None:
    """Record once that this database holds demo data (lets later demo runs proceed)."""
    from gongkai.core.models import AuditLog
    from gongkai.core.services import audit_record

    if not AuditLog.objects.filter(action="demo_load").exists():
        audit_record(actor=None, actor_label="gongkai demo", action="demo_load",
                     target="database", reason="载入演示数据")


def load(*, stdout) -> None:
    demo_mark()
    created_units = 0
    for order, (name, code, kind, parent, shorts, aliases, prefixes, group) in enumerate(UNITS):
        existed = Unit.objects.filter(full_name=name).exists()
        unit_save(
            full_name=name, code=code, kind=kind,
            parent=Unit.objects.get(full_name=parent) if parent else None,
            short_names=shorts, aliases=aliases, doc_prefixes=prefixes,
            assessment_group=group, sort_order=order,
        )
        created_units += not existed
    for username, unit_name, roles, display in USERS:
        user_save(
            username=username,
            unit=Unit.objects.get(full_name=unit_name) if unit_name else None,
            roles=[r.value for r in roles], password=DEMO_PASSWORD, display_name=display,
            assessor_stage=ASSESSOR_STAGES.get(username),
        )
    stdout.write(f"单位 {Unit.objects.count()} 个（新建 {created_units}），演示账号 {len(USERS)} 个")


def print_logins(*, stdout) -> None:
    """The demo logins, printed last by `gongkai demo` so they are the first thing seen."""
    stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
    for username, unit_name, roles, _display in USERS:
        stdout.write(f"  {username:<17} {'/'.join(r.label for r in roles):<16} {unit_name or '—'}")
