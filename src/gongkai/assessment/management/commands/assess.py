"""`gongkai assess …`: run, publish and export assessments; the evaluators' XLSX.

  gongkai assess run --period 2025|2025H1|2025Q3 [--units A B …] [--previous RUN|none]
                     [--new-draft] [--publish]
  gongkai assess publish RUN [--allow-pending]
  gongkai assess export RUN|latest --out DIR
  gongkai assess template --out FILE.xlsx [--run RUN]
  gongkai assess import-scores FILE.xlsx --run RUN
  gongkai assess load-set FILE.yaml
`run` prints the new run's id as its last line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.assessment import selectors, services
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.core.errors import GongkaiError


def _run(ref: str):
    run = selectors.run_resolve(ref)
    if run is None:
        raise CommandError(f"找不到考评 {ref}（可用编号或 latest）")
    return run


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date: 日期应为 YYYY-MM-DD，实为 {text}") from None


class Command(BaseCommand):
    help = "政务公开考评：运行、发布、导出考评结果，生成和导入人工评分表"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="运行一次考评（草稿），最后一行输出考评编号")
        run.add_argument("--period", required=True,
                         help="考评周期：年度 2025、半年 2025H1/2025H2、季度 2025Q1–2025Q4")
        run.add_argument("--units", nargs="+", help="单位（全称、简称或编号）；默认所有有考评分组的单位")
        run.add_argument("--previous", help="对比的上次考评编号；none 表示不对比；默认上一周期（环比）已发布的考评")
        run.add_argument("--new-draft", action="store_true",
                         help="本周期已有草稿时另存为第二稿（默认替换原草稿，已录入的人工评分沿用）")
        run.add_argument("--publish", action="store_true", help="运行后立即发布")
        run.add_argument("--allow-pending", action="store_true", help="人工评分未录入的按0分发布")
        run.add_argument("--date", help="通报日期 YYYY-MM-DD（默认今天）")
        publish = sub.add_parser("publish", help="发布考评（发布后不可修改）")
        publish.add_argument("run")
        publish.add_argument("--allow-pending", action="store_true")
        publish.add_argument("--date", help="通报日期 YYYY-MM-DD")
        export = sub.add_parser("export", help="导出 result.json、bulletin.html、bulletin.docx、bulletin.pdf、scores.xlsx")
        export.add_argument("run", help="考评编号或 latest")
        export.add_argument("--out", required=True)
        template = sub.add_parser("template", help="生成人工评分表（单位 × 人工评分指标）")
        template.add_argument("--out", required=True)
        template.add_argument("--run", help="考评编号或 latest；默认按当前指标体系和全部考评单位")
        imp = sub.add_parser("import-scores", help="导入人工评分表（任何一格有误则全部不导入）")
        imp.add_argument("file")
        imp.add_argument("--run", required=True)
        load = sub.add_parser("load-set", help="载入指标体系 YAML 并设为当前使用")
        load.add_argument("file")

    def handle(self, *args, **options):
        try:
            getattr(self, "do_" + options["action"].replace("-", "_"))(options)
        except GongkaiError as exc:
            raise CommandError(str(exc)) from None

    def do_run(self, options):
        previous = "auto"
        if options.get("previous"):
            previous = None if options["previous"].lower() == "none" else _run(options["previous"])
        run = services.assessment_run(
            period=options["period"], units=options.get("units"), previous=previous,
            bulletin_date=_date(options.get("date")), replace_draft=not options.get("new_draft"),
        )
        result = run.result
        self.stdout.write(f"{run.period_label}考评（草稿{run.draft_label}）：{len(result['units'])} 家单位，"
                          f"指标体系 {result['indicator_set']['name']} {result['indicator_set']['version']}")
        for g in result["groups"]:
            line = f"  {g['group']}：{g['units']} 家，平均 {g['mean']} 分"
            if g.get("mean_change") is not None:
                line += f"，环比 {g['mean_change']:+g} 分（对比 {result['previous_period']}）"
            if g.get("yoy"):
                line += f"，同比 {g['yoy']['mean_change']:+g} 分（对比 {result['year_ago_period']}）"
            self.stdout.write(line)
        pending = sum(u["pending"] for u in result["units"])
        if pending:
            self.stdout.write(f"  待录入人工评分 {pending} 项（gongkai assess template --run {run.pk} --out 评分表.xlsx）")
        if options.get("publish"):
            run = services.assessment_publish(run=run, allow_pending=options["allow_pending"])
            self.stdout.write("  已发布")
        self.stdout.write(str(run.pk))

    def do_publish(self, options):
        run = services.assessment_publish(run=_run(options["run"]),
                                          allow_pending=options["allow_pending"],
                                          bulletin_date=_date(options.get("date")))
        self.stdout.write(f"考评 #{run.pk} 已发布")

    def do_export(self, options):
        from gongkai.assessment.rendering import run_export

        run = _run(options["run"])
        notes: list[str] = []
        for path in run_export(run, Path(options["out"]), notes=notes):
            self.stdout.write(str(path))
        for note in notes:
            self.stderr.write(note)

    def do_template(self, options):
        from gongkai.exports.xlsx import manual_template_bytes

        if options.get("run"):
            run = _run(options["run"])
            spec = services.spec_parse(run.set_yaml)
            units = selectors.units_info(run.unit_ids)
            existing = {}
            names = {u.id: u.name for u in units}
            for uid, code, score in run.manual_scores.values_list("unit_id", "indicator_code", "score"):
                existing[(names.get(uid), code)] = score
            title = f"{run.period_label}考评 #{run.pk} 人工评分表"
        else:
            spec = services.spec_parse(services.indicator_set_default().yaml_text)
            units = selectors.units_info(selectors.units_resolve(None))
            existing = {}
            title = f"人工评分表（{spec.name} {spec.version}）"
        if not spec.manual_leaves():
            raise AssessmentError("该指标体系没有人工评分指标")
        data = manual_template_bytes(indicators=spec.manual_leaves(),
                                     units=[(u.name, u.group) for u in units],
                                     existing=existing, title=title)
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        self.stdout.write(f"{out}：{len(units)} 家单位 × {len(spec.manual_leaves())} 项人工评分指标")

    def do_import_scores(self, options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        run = _run(options["run"])
        count = services.manual_scores_import(run=run, path=path)
        self.stdout.write(f"已导入 {count} 项人工评分到考评 #{run.pk}")

    def do_load_set(self, options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        obj = services.indicator_set_save(yaml_text=path.read_text(encoding="utf-8"))
        self.stdout.write(f"指标体系 {obj} 已载入并设为当前使用")
