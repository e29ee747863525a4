"""`gongkai tokens create --unit NAME [--name LABEL]` prints a new API token once;
`gongkai tokens list`, `gongkai tokens revoke PREFIX_OR_ID`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.selectors import unit_find
from gongkai.review.errors import ReviewError
from gongkai.review.models import ApiToken
from gongkai.review.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "单位接口令牌：create --unit 单位 [--name 用途]（令牌只显示一次）；list；revoke 编号或前缀"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="op", required=True)
        create = sub.add_parser("create")
        create.add_argument("--unit", required=True, help="单位全称、简称或单位代码")
        create.add_argument("--name", default="OA系统", help="用途，如 市政府办公厅OA系统")
        sub.add_parser("list")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("token", help="令牌编号或前缀（如 gk_AbC123x）")

    def handle(self, *args, **options):
        op = options["op"]
        if op == "create":
            unit = unit_find(options["unit"])
            if unit is None:
                raise CommandError(f"--unit: 找不到单位 “{options['unit']}”")
            try:
                token, raw = api_token_create(unit=unit, name=options["name"])
            except ReviewError as exc:
                raise CommandError(f"{exc.field or 'token'}: {exc.message}") from None
            self.stdout.write(raw)
            self.stdout.write(f"单位：{unit.full_name}；编号 {token.pk}；令牌只显示这一次，请妥善保存")
        elif op == "list":
            for t in ApiToken.objects.select_related("unit").order_by("unit__full_name", "-created_at"):
                state = f"已吊销 {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "有效"
                used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "未使用"
                self.stdout.write(f"{t.pk}\t{t.prefix}…\t{t.unit.full_name}\t{t.name}\t{state}\t{used}")
        else:
            key = options["token"]
            qs = ApiToken.objects.filter(pk=int(key)) if key.isdigit() else ApiToken.objects.filter(prefix=key[:10])
            tokens = list(qs)
            if len(tokens) != 1:
                raise CommandError(f"token: “{key}” 对应 {len(tokens)} 个令牌，请使用编号")
            api_token_revoke(token=tokens[0])
            self.stdout.write(f"已吊销 {tokens[0].prefix}…（{tokens[0].unit.full_name}）")
