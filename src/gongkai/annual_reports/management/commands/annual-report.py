"""`gongkai annual-report read FILE... --json` and `gongkai annual-report build --unit NAME
--year 2025 --json`: a published report read from its file, or this platform's report built from
its data, as one JSON object per line in the shape of docs/annual-report-json.md. Without
--json, a short table per report.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.annual_reports.domain import form as F
from gongkai.annual_reports.domain.checks import report_check
from gongkai.annual_reports.domain.errors import AnnualReportError
from gongkai.annual_reports.rendering import report_json


def _unit(name: str):
    from gongkai.core.models import Unit

    name = (name or "").strip()
    unit = Unit.objects.filter(full_name=name).first()
    if unit is None:
        from gongkai.core.domain.units import name_key

        key = name_key(name)
        matches = [u for u in Unit.objects.all() if key in (u.name_keys or [])]
        if len(matches) == 1:
            unit = matches[0]
        elif len(matches) > 1:
            raise CommandError(f"--unit: “{name}”对应多个单位：{'、'.join(u.full_name for u in matches)}")
    if unit is None:
        raise CommandError(f"--unit: 找不到单位“{name}”")
    return unit


class Command(BaseCommand):
    help = "年度报告：读取已发布的年度报告（read），或按平台数据生成（build）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        r = sub.add_parser("read", help="读取已发布的年度报告（PDF/DOCX/HTML/TXT），检查勾稽关系")
        r.add_argument("files", nargs="+", metavar="FILE")
        r.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")
        b = sub.add_parser("build", help="按平台数据生成某单位某年度的年度报告表格")
        b.add_argument("--unit", required=True, help="单位全称或简称")
        b.add_argument("--year", required=True, type=int, help="年度，如 2025")
        b.add_argument("--json", action="store_true", help="输出 JSON")
        st = sub.add_parser("statistics", help="统计报送：某单位某期间（季度、半年、年度）的统计数据，与上一期比较")
        st.add_argument("--unit", required=True, help="单位全称或简称")
        st.add_argument("--period", required=True, help="2025Q1（季度）、2025H1（半年）或 2025（年度）")
        st.add_argument("--below", action="store_true", help="汇总本单位及所有下级单位，逐单位列出")
        st.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options):
        if options["action"] == "read":
            self._read(options)
        elif options["action"] == "statistics":
            self._statistics(options)
        else:
            self._build(options)

    def _statistics(self, o):
        from gongkai.annual_reports.domain.periods import period_parse
        from gongkai.annual_reports.selectors import statistics_return

        unit = _unit(o["unit"])
        try:
            period = period_parse(o["period"])
        except AnnualReportError as exc:
            raise CommandError(f"--period: {exc.message}") from exc
        data = statistics_return(unit, period, below=o["below"])
        if o["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{data['unit']} {data['period_label']}（{data['start']} 至 {data['end']}），"
                          f"与{data['previous']['period_label']}比较")
        t3, d3 = data["table3"], data["difference"]["table3"]
        for row in (F.NEW, F.CARRIED_OVER, F.TOTAL, F.CARRIED_FORWARD):
            self.stdout.write(f"  {row}: {t3[row][F.TOTAL_COLUMN]}（{d3[row][F.TOTAL_COLUMN]:+d}）")
        for row in data["units"]:
            self.stdout.write(f"    {row['unit']}: 新收 {row['table3'][F.NEW][F.TOTAL_COLUMN]}，"
                              f"办结 {row['table3'][F.TOTAL][F.TOTAL_COLUMN]}")

    def _read(self, o):
        from gongkai.annual_reports.reading import report_read

        results = []
        failed = 0
        for name in o["files"]:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as exc:
                failed += 1
                self.stderr.write(f"{name}: 无法打开文件：{exc.strerror}")
                continue
            try:
                read = report_read(path.name, data)
            except AnnualReportError as exc:
                failed += 1
                self.stderr.write(f"{name}: {exc.message}")
                continue
            results.append((name, read))
        # two reports of the same unit in consecutive years are checked against each other
        by_key = {(r.unit, r.year): r for _n, r in results if r.unit and r.year}
        for name, read in results:
            previous = by_key.get((read.unit, read.year - 1)) if read.year else None
            findings = read.findings + report_check(
                read.figures, text=read.text,
                previous=previous.figures if previous else None,
                previous_text=previous.text if previous else None)
            payload = report_json(file=name, unit=read.unit, year=read.year, figures=read.figures,
                                  findings=[f.to_json() for f in findings])
            self._emit(payload, o["json"])
        if failed and not results:
            raise CommandError(f"{failed} 个文件无法读取")

    def _build(self, o):
        from gongkai.annual_reports import selectors
        from gongkai.annual_reports.services import findings_for

        unit = _unit(o["unit"])
        year = o["year"]
        if not 2008 <= year <= 2100:
            raise CommandError(f"--year: 年度 {year} 无效")
        report = selectors.AnnualReport.objects.filter(unit=unit, year=year).first()
        entered = report.entered if report else {}
        figures = selectors.figures_from_data(unit, year, entered=entered)
        if report is None:
            report = selectors.AnnualReport(unit=unit, year=year, figures=figures, texts={})
        else:
            report.figures = figures
        findings, _share = findings_for(report)
        payload = report_json(file=None, unit=unit.full_name, year=year, figures=figures,
                              findings=[f.to_json() for f in findings])
        self._emit(payload, o["json"])

    def _emit(self, payload: dict, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(f"{payload['file'] or ''} {payload['unit'] or '（单位不明）'} {payload['year'] or '（年度不明）'}")
        t3 = payload["table3"]
        for row in (F.NEW, F.CARRIED_OVER, F.TOTAL, F.CARRIED_FORWARD):
            self.stdout.write(f"  {row}: {t3[row]}")
        for row in F.TABLE4_ROWS:
            self.stdout.write(f"  {row}: {payload['table4'][row]}")
        for f in payload["findings"]:
            self.stdout.write(f"  [{f['code']}] {f['message']}")
        if not payload["findings"]:
            self.stdout.write("  检查通过")
