"""The indicator system (指标体系) as data: a YAML tree of 一级/二级/三级 indicators.

See docs/indicators.md for how to write one. Parsing validates every node and names the path
of the node that is wrong (`indicators[2].children[0].weight`), so an office editing the YAML in
the admin gets a message it can act on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from gongkai.assessment.domain.errors import AssessmentError

METHODS = ("ratio", "deduct", "manual", "bonus", "veto")
# Methods whose points count toward the 100-point base (bonus is on top; veto has no points).
BASE_METHODS = ("ratio", "deduct", "manual")
LEVEL_LABELS = {1: "一级指标", 2: "二级指标", 3: "三级指标"}


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    level: int
    weight: Decimal = Decimal(0)
    method: str | None = None  # None for a branch
    measure: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    per_finding: Decimal = Decimal(0)  # deduct: points per finding; bonus: points per finding
    description: str = ""
    children: tuple[Indicator, ...] = ()
    note: str = ""  # why a manual item is manual (e.g. the measure that will replace it)
    stage: str = ""  # the assessor stage (考评环节) that scores a manual item

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def max_points(self) -> Decimal:
        """Points this indicator can give toward the base total (bonus and veto give none)."""
        if self.is_leaf:
            return self.weight if self.method in BASE_METHODS else Decimal(0)
        return sum((c.max_points for c in self.children), Decimal(0))

    @property
    def is_manual(self) -> bool:
        """Scored from an evaluator's entry (manual score, or a manual veto flag)."""
        return self.method == "manual" or (self.method in ("veto", "bonus") and not self.measure)


@dataclass(frozen=True)
class AwardRules:
    """优秀 and 进步明显 rules (see domain/awards.py for the tie rule)."""

    excellent_top_n: int | None = None
    excellent_min_total: Decimal | None = None
    improved_top_n: int = 0
    improved_min_gain: Decimal = Decimal(0)
    improved_exclude_excellent: bool = True
    improved_by: str = "group"  # "group": within each award group; "summary": each summary group


@dataclass(frozen=True)
class AwardGroup:
    """An award group (考评分组) as units carry it, and how the 通报 names its units.

    `label` is the group's words in the sentences ({label}); `excellent` overrides the set's
    优秀 sentence for this group; `names: short` prints each unit's first 简称; `suffix` is
    printed once after the list ("宜昌市、武汉市人民政府") and stripped from names ending in it.
    """

    name: str
    label: str = ""
    excellent: str = ""
    names: str = "full"
    suffix: str = ""
    top_n: int | None = None  # 优秀 rules of this group, overriding awards.excellent
    min_total: Decimal | None = None

    def rules(self, base: AwardRules) -> AwardRules:
        if self.top_n is None and self.min_total is None:
            return base
        return replace(base, excellent_top_n=self.top_n, excellent_min_total=self.min_total)

    @property
    def words(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class SummaryGroup:
    """A summary group (汇总分组): the units whose average and counts one sentence states, and
    the words of the opening's scope ("17个市(州)人民政府"). Independent of award groups: seed 07
    states one average for 省政府部门 awarded in two groups."""

    name: str
    groups: tuple[str, ...]
    scope: str = ""
    counter: str = "家"

    @property
    def scope_words(self) -> str:
        return self.scope or self.name


@dataclass(frozen=True)
class BulletinText:
    """Fixed words of the 通报 that belong to the office, not to the code."""

    issuer: str = "武汉市人民政府办公厅"
    recipients: str = "各区人民政府，市人民政府各部门："
    basis: str = ""
    doc_number: str = ""
    title: str = ""
    requirements: tuple[str, ...] = ()
    # Templates of the opening and of 一、考评结果情况 (docs/indicators.md lists the placeholders).
    opening: str = ""
    results_heading: str = "考评结果情况"
    excellent: str = "考评成绩优秀的{label}：{units}。"
    improved: str = "进步明显的{label}：{units}。"
    overview: str = "总体来看，{narrative}{trend}{figures}"
    figures: bool = True
    issuer_mark: str = ""  # 发文机关标志 of the 版头; default: the issuer
    copy_to: str = ""  # 抄送 of the 版记


BULLETIN_TEMPLATES = {
    "opening": ("scope", "basis", "issuer", "period"),
    "excellent": ("label", "units"),
    "improved": ("label", "units"),
    "overview": ("narrative", "trend", "figures"),
}


@dataclass(frozen=True)
class IndicatorSet:
    name: str
    version: str
    indicators: tuple[Indicator, ...]
    awards: AwardRules
    bulletin: BulletinText
    weakest: int = 3
    groups: tuple[str, ...] = ()  # display order of assessment groups; others follow by name
    yaml_text: str = ""
    award_groups: tuple[AwardGroup, ...] = ()
    summary_groups: tuple[SummaryGroup, ...] = ()

    def award_group(self, name: str) -> AwardGroup:
        for g in self.award_groups:
            if g.name == name:
                return g
        return AwardGroup(name=name)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.yaml_text.encode("utf-8")).hexdigest()

    def leaves(self) -> list[Indicator]:
        out: list[Indicator] = []

        def walk(nodes: tuple[Indicator, ...]) -> None:
            for n in nodes:
                if n.is_leaf:
                    out.append(n)
                else:
                    walk(n.children)

        walk(self.indicators)
        return out

    def manual_leaves(self) -> list[Indicator]:
        return [i for i in self.leaves() if i.is_manual]

    @property
    def max_total(self) -> Decimal:
        return sum((i.max_points for i in self.indicators), Decimal(0))

    def top_level_of(self) -> dict[str, Indicator]:
        """Each leaf's code → its 一级 indicator."""
        mapping: dict[str, Indicator] = {}

        def walk(top: Indicator, nodes: tuple[Indicator, ...] | list[Indicator]) -> None:
            for n in nodes:
                if n.is_leaf:
                    mapping[n.code] = top
                else:
                    walk(top, n.children)

        for top in self.indicators:
            walk(top, [top])
        return mapping


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool):
        raise AssessmentError(f"{where}: 应为数字，实为 {value!r}", field=where)
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise AssessmentError(f"{where}: 应为数字，实为 {value!r}", field=where) from None
    if not result.is_finite():
        raise AssessmentError(f"{where}: 应为有限数字，实为 {value!r}", field=where)
    return result


def _node(raw: Any, where: str, level: int, seen: set[str],
          known_measures: set[str] | None) -> Indicator:
    if not isinstance(raw, dict):
        raise AssessmentError(f"{where}: 每个指标应为一个映射（code、name …）", field=where)
    unknown = set(raw) - {"code", "name", "weight", "method", "measure", "params", "per_finding",
                          "description", "children", "note", "stage"}
    if unknown:
        raise AssessmentError(f"{where}: 未知的键 {', '.join(sorted(unknown))}", field=where)
    code = str(raw.get("code") or "").strip()
    name = str(raw.get("name") or "").strip()
    if not code:
        raise AssessmentError(f"{where}.code: 指标缺少编码", field=f"{where}.code")
    if not name:
        raise AssessmentError(f"{where}.name: 指标 {code} 缺少名称", field=f"{where}.name")
    if code in seen:
        raise AssessmentError(f"{where}.code: 指标编码 {code} 重复", field=f"{where}.code")
    seen.add(code)
    if level > 3:
        raise AssessmentError(f"{where}: 指标最多三级（{code}）", field=where)
    children_raw = raw.get("children") or []
    if not isinstance(children_raw, list):
        raise AssessmentError(f"{where}.children: 应为列表", field=f"{where}.children")
    children = tuple(
        _node(c, f"{where}.children[{i}]", level + 1, seen, known_measures)
        for i, c in enumerate(children_raw)
    )
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        raise AssessmentError(f"{where}.params: 应为映射", field=f"{where}.params")
    if children:
        if raw.get("method") or raw.get("measure"):
            raise AssessmentError(
                f"{where}: 指标 {code} 有下级指标，不能再设 method/measure", field=where
            )
        node = Indicator(code=code, name=name, level=level, children=children,
                         description=str(raw.get("description") or ""))
        if "weight" in raw:
            weight = _decimal(raw["weight"], f"{where}.weight")
            if weight != node.max_points:
                raise AssessmentError(
                    f"{where}.weight: 指标 {code} 分值 {weight} 与下级指标分值之和 {node.max_points} 不一致",
                    field=f"{where}.weight",
                )
        return node
    method = str(raw.get("method") or "").strip()
    if method not in METHODS:
        raise AssessmentError(
            f"{where}.method: 指标 {code} 的计分方法应为 {' / '.join(METHODS)} 之一，实为 {method or '空'}",
            field=f"{where}.method",
        )
    weight = _decimal(raw.get("weight", 0), f"{where}.weight")
    if weight < 0:
        raise AssessmentError(f"{where}.weight: 分值不能为负", field=f"{where}.weight")
    if method != "veto" and weight <= 0:
        raise AssessmentError(f"{where}.weight: 指标 {code} 需要正的分值", field=f"{where}.weight")
    measure = raw.get("measure")
    measure = str(measure).strip() if measure else None
    if method in ("ratio", "deduct") and not measure:
        raise AssessmentError(f"{where}.measure: {method} 指标 {code} 需要 measure", field=f"{where}.measure")
    if method == "manual" and measure:
        raise AssessmentError(f"{where}.measure: manual 指标 {code} 不取数据", field=f"{where}.measure")
    if measure and known_measures is not None and measure not in known_measures:
        raise AssessmentError(
            f"{where}.measure: 未登记的取数方法 {measure}（可用：{', '.join(sorted(known_measures))}）",
            field=f"{where}.measure",
        )
    per_finding = _decimal(raw.get("per_finding", 0), f"{where}.per_finding")
    if (method == "deduct" or (method == "bonus" and measure)) and per_finding <= 0:
        raise AssessmentError(
            f"{where}.per_finding: {method} 指标 {code} 需要每项扣分/加分 per_finding > 0",
            field=f"{where}.per_finding",
        )
    return Indicator(code=code, name=name, level=level, weight=weight, method=method,
                     measure=measure, params=dict(params), per_finding=per_finding,
                     description=str(raw.get("description") or ""),
                     note=str(raw.get("note") or ""), stage=str(raw.get("stage") or ""))


def parse_indicator_set(yaml_text: str, *, known_measures: set[str] | None = None) -> IndicatorSet:
    """Parse and validate an indicator set. `known_measures`: names the registry offers."""
    try:
        raw = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else "YAML"
        raise AssessmentError(f"指标体系 YAML 无法解析（{where}）: {exc}", field="yaml") from None
    if not isinstance(raw, dict):
        raise AssessmentError("指标体系应为一个映射（name、version、indicators …）", field="yaml")
    name = str(raw.get("name") or "").strip()
    version = str(raw.get("version") or "").strip()
    if not name:
        raise AssessmentError("name: 指标体系缺少名称", field="name")
    if not version:
        raise AssessmentError("version: 指标体系缺少版本号", field="version")
    items = raw.get("indicators")
    if not isinstance(items, list) or not items:
        raise AssessmentError("indicators: 至少需要一个一级指标", field="indicators")
    seen: set[str] = set()
    indicators = tuple(
        _node(item, f"indicators[{i}]", 1, seen, known_measures) for i, item in enumerate(items)
    )
    awards_raw = raw.get("awards") or {}
    exc_raw = awards_raw.get("excellent") or {}
    imp_raw = awards_raw.get("improved") or {}
    awards = AwardRules(
        excellent_top_n=int(exc_raw["top_n"]) if exc_raw.get("top_n") is not None else None,
        excellent_min_total=(
            _decimal(exc_raw["min_total"], "awards.excellent.min_total")
            if exc_raw.get("min_total") is not None else None
        ),
        improved_top_n=int(imp_raw.get("top_n", 0) or 0),
        improved_min_gain=_decimal(imp_raw.get("min_gain", 0), "awards.improved.min_gain"),
        improved_exclude_excellent=bool(imp_raw.get("exclude_excellent", True)),
        improved_by=str(imp_raw.get("by") or "group"),
    )
    if awards.improved_by not in ("group", "summary"):
        raise AssessmentError("awards.improved.by: 应为 group（按考评分组）或 summary（按汇总分组）",
                              field="awards.improved.by")
    award_groups = _award_groups(raw.get("groups"))
    summary_groups = _summary_groups(raw.get("summary_groups"), award_groups)
    if awards.improved_by == "summary" and not summary_groups:
        raise AssessmentError("awards.improved.by: 按汇总分组评进步明显需要 summary_groups",
                              field="awards.improved.by")
    b = raw.get("bulletin") or {}
    bulletin = BulletinText(
        issuer=str(b.get("issuer") or BulletinText.issuer),
        recipients=str(b.get("recipients") or BulletinText.recipients),
        basis=str(b.get("basis") or ""),
        doc_number=str(b.get("doc_number") or ""),
        title=str(b.get("title") or ""),
        requirements=tuple(str(x) for x in (b.get("requirements") or [])),
        issuer_mark=str(b.get("issuer_mark") or ""),
        copy_to=str(b.get("copy_to") or ""),
        **_templates(b),
    )
    return IndicatorSet(
        name=name, version=version, indicators=indicators, awards=awards, bulletin=bulletin,
        weakest=int(raw.get("weakest", 3)), groups=tuple(g.name for g in award_groups),
        yaml_text=yaml_text, award_groups=award_groups, summary_groups=summary_groups,
    )


def _award_groups(raw: Any) -> tuple[AwardGroup, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise AssessmentError("groups: 应为考评分组的列表", field="groups")
    out = []
    for i, item in enumerate(raw):
        where = f"groups[{i}]"
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise AssessmentError(f"{where}: 应为分组名称或映射（name、label …）", field=where)
        unknown = set(item) - {"name", "label", "excellent", "names", "suffix", "top_n", "min_total"}
        if unknown:
            raise AssessmentError(f"{where}: 未知的键 {', '.join(sorted(unknown))}", field=where)
        name = str(item.get("name") or "").strip()
        if not name:
            raise AssessmentError(f"{where}.name: 考评分组缺少名称", field=f"{where}.name")
        names = str(item.get("names") or "full")
        if names not in ("full", "short"):
            raise AssessmentError(f"{where}.names: 应为 full（全称）或 short（简称）", field=f"{where}.names")
        excellent = str(item.get("excellent") or "")
        if excellent:
            _check_template(excellent, BULLETIN_TEMPLATES["excellent"], f"{where}.excellent")
        top_n = item.get("top_n")
        if top_n is not None and (isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 0):
            raise AssessmentError(f"{where}.top_n: 应为非负整数，实为 {top_n!r}", field=f"{where}.top_n")
        min_total = item.get("min_total")
        out.append(AwardGroup(
            name=name, label=str(item.get("label") or ""), excellent=excellent, names=names,
            suffix=str(item.get("suffix") or ""), top_n=top_n,
            min_total=None if min_total is None else _decimal(min_total, f"{where}.min_total"),
        ))
    if len({g.name for g in out}) != len(out):
        raise AssessmentError("groups: 考评分组名称重复", field="groups")
    return tuple(out)


def _summary_groups(raw: Any, award_groups: tuple[AwardGroup, ...]) -> tuple[SummaryGroup, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise AssessmentError("summary_groups: 应为汇总分组的列表", field="summary_groups")
    known = {g.name for g in award_groups}
    out = []
    taken: dict[str, str] = {}
    for i, item in enumerate(raw):
        where = f"summary_groups[{i}]"
        if not isinstance(item, dict):
            raise AssessmentError(f"{where}: 应为映射（name、groups、scope、counter）", field=where)
        unknown = set(item) - {"name", "groups", "scope", "counter"}
        if unknown:
            raise AssessmentError(f"{where}: 未知的键 {', '.join(sorted(unknown))}", field=where)
        name = str(item.get("name") or "").strip()
        if not name:
            raise AssessmentError(f"{where}.name: 汇总分组缺少名称", field=f"{where}.name")
        members = item.get("groups") or [name]
        if isinstance(members, str):
            members = [members]
        members = tuple(str(m) for m in members)
        for m in members:
            if known and m not in known:
                raise AssessmentError(f"{where}.groups: “{m}”不是 groups 中的考评分组",
                                      field=f"{where}.groups")
            if m in taken:
                raise AssessmentError(f"{where}.groups: 考评分组“{m}”已属于汇总分组“{taken[m]}”",
                                      field=f"{where}.groups")
            taken[m] = name
        out.append(SummaryGroup(name=name, groups=members, scope=str(item.get("scope") or ""),
                                counter=str(item.get("counter") or "家")))
    return tuple(out)


def _check_template(text: str, allowed: tuple[str, ...], where: str) -> None:
    import string

    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError:
        raise AssessmentError(f"{where}: 模板中的花括号不成对", field=where) from None
    unknown = fields - set(allowed)
    if unknown:
        raise AssessmentError(
            f"{where}: 未知的占位符 {', '.join('{' + f + '}' for f in sorted(unknown))}"
            f"（可用：{', '.join('{' + f + '}' for f in allowed)}）", field=where)


def _templates(b: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, allowed in BULLETIN_TEMPLATES.items():
        if b.get(key):
            _check_template(str(b[key]), allowed, f"bulletin.{key}")
            out[key] = str(b[key])
    if b.get("results_heading"):
        out["results_heading"] = str(b["results_heading"])
    if "figures" in b:
        out["figures"] = bool(b["figures"])
    return out
