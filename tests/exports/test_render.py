"""Render check of the 公文 DOCX: LibreOffice turns it into a PDF, pdftoppm into PNG pages, and
the first page is looked at — the red 版头 at the top, text below it, the 附件 on later pages.
Skipped, saying what to install, where LibreOffice or pdftoppm is missing
(apt-get install -y libreoffice-writer-nogui poppler-utils). To look at the pages yourself:

    soffice --headless --convert-to pdf --outdir /tmp bulletin.docx
    pdftoppm -png -r 60 /tmp/bulletin.pdf /tmp/bulletin      # /tmp/bulletin-1.png, …
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from gongkai.exports.docx import Appendix, OfficialDocument, official_docx_bytes

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")

pytestmark = pytest.mark.skipif(
    not (SOFFICE and PDFTOPPM),
    reason="render check needs LibreOffice and pdftoppm: apt-get install -y libreoffice-writer-nogui poppler-utils",
)


def test_bulletin_renders_with_a_red_letterhead_and_attachment_pages(tmp_path):
    from PIL import Image

    spec = OfficialDocument(
        title="武汉市人民政府办公厅关于2025年度政务公开工作考评情况的通报",
        recipients="各区人民政府，市人民政府各部门：",
        blocks=[("heading", "一、考评结果情况")] + [("paragraph", "考评成绩优秀的区政府：新洲区人民政府。" * 3)] * 12,
        signature="武汉市人民政府办公厅", date_text="2026年3月20日", doc_number="武政办〔2026〕12号",
        attachments_list=["2025年度政务公开工作考评得分表"], copy_to="市委办公厅",
        appendices=[Appendix(title="2025年度政务公开工作考评得分表", header=["考评分组", "单位", "总分", "排名"],
                             rows=[["区政府", f"第{i}区人民政府", "90", str(i)] for i in range(1, 80)])],
    )
    docx = tmp_path / "bulletin.docx"
    docx.write_bytes(official_docx_bytes(spec))
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    subprocess.run([PDFTOPPM, "-png", "-r", "40", str(tmp_path / "bulletin.pdf"), str(tmp_path / "p")],
                   check=True, capture_output=True, timeout=60)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) >= 3  # the 正文, then the score table over more than one page
    first = Image.open(pages[0]).convert("RGB")
    width, height = first.size
    top = first.crop((0, 0, width, height // 4))
    red = sum(1 for r, g, b in top.getdata() if r > 200 and g < 80 and b < 80)
    assert red > 50  # the 发文机关标志 and the separator line are red

