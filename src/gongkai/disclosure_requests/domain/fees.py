"""信息处理费 (条例 第四十二条; 《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号), as data.

Two progressive (超额累进) scales; a unit picks one per request, never both:
* 按件计收 — by the applicant's requests in one calendar month: 10 free, 11–30 at 100 元,
  from 31 on each further band of 10 costs 100 元 more per piece;
* 按量计收 — by pages of one request (paper, e-mail, copied data): 30 free, 31–100 at 10 元,
  101–200 at 20 元, from 201 at 40 元.
The applicant pays within 20 working days of the notice, or the request is not handled further
(表三 其他处理 2); the days from notice to payment do not count towards the answer deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.disclosure_requests.domain.errors import RequestError

PAYMENT_WORKDAYS = 20
BASIS = "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


class FeeMode(StrEnum):
    BY_PIECE = "by_piece"  # 按件计收
    BY_VOLUME = "by_volume"  # 按量计收


FEE_MODE_LABELS = {FeeMode.BY_PIECE: "按件计收", FeeMode.BY_VOLUME: "按量计收"}
FEE_UNIT = {FeeMode.BY_PIECE: "件", FeeMode.BY_VOLUME: "页"}


@dataclass(frozen=True)
class Band:
    low: int  # first counted unit of the band (inclusive)
    high: int | None  # last (inclusive); None: open-ended
    price: int  # 元 per unit


# 按件: above 30, bands of 10 at +100 each (31–40: 200, 41–50: 300 …), built up to a generous
# ceiling and then open at the last step's price rule (see fee_amount).
PIECE_FREE = 10
PIECE_STEP = 10
PIECE_BASE_PRICE = 100
SCALES: dict[FeeMode, tuple[Band, ...]] = {
    FeeMode.BY_PIECE: (Band(1, 10, 0), Band(11, 30, 100)),
    FeeMode.BY_VOLUME: (Band(1, 30, 0), Band(31, 100, 10), Band(101, 200, 20), Band(201, None, 40)),
}


@dataclass(frozen=True)
class FeeLine:
    low: int
    high: int
    price: int
    amount: int


@dataclass(frozen=True)
class Fee:
    mode: FeeMode
    count: int
    lines: tuple[FeeLine, ...]

    @property
    def amount(self) -> int:
        return sum(line.amount for line in self.lines)

    def describe(self) -> str:
        unit = FEE_UNIT[self.mode]
        parts = [f"第{ln.low}—{ln.high}{unit}每{unit}{ln.price}元，计{ln.amount}元" for ln in self.lines
                 if ln.price]
        head = f"{FEE_MODE_LABELS[self.mode]}：共{self.count}{unit}"
        return f"{head}；" + "；".join(parts) if parts else f"{head}，未超过免费标准"


def _bands(mode: FeeMode, count: int) -> list[Band]:
    bands = list(SCALES[mode])
    if mode is FeeMode.BY_PIECE:
        low, price = 31, PIECE_BASE_PRICE * 2
        while low <= count:
            bands.append(Band(low, low + PIECE_STEP - 1, price))
            low, price = low + PIECE_STEP, price + PIECE_BASE_PRICE
    return bands


def fee_amount(mode: str, count: int) -> Fee:
    """The fee for `count` pieces (the applicant's requests this month, this one included) or
    pages, by the progressive scale of `mode`."""
    try:
        m = FeeMode(mode)
    except ValueError:
        raise RequestError(f"未知的收费方式: {mode}", field="mode") from None
    if count < 1:
        raise RequestError("件数或页数应为正整数", field="count")
    lines = []
    for band in _bands(m, count):
        if band.low > count:
            break
        high = count if band.high is None else min(band.high, count)
        lines.append(FeeLine(band.low, high, band.price, (high - band.low + 1) * band.price))
    return Fee(m, count, tuple(lines))
