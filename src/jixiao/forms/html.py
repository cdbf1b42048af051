"""A table on its official form (`layout.form_sheet`) as a printable HTML page: one self-contained file,
A4 landscape print styles.

Merges become rowspan/colspan; line breaks inside a cell become <br>. No scripts, no external
resources, so the page prints the same offline.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..domain.table import Table
from .layout import form_sheet
from .official import Sheet

STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "FangSong", "仿宋", "仿宋_GB2312", "STFangsong", serif; font-size: 11pt; color: #000; }
h1 { font-family: "SimSun", "宋体", "STSong", serif; font-size: 18pt; text-align: center; margin: 0 0 4pt; }
p.year { text-align: center; margin: 0 0 8pt; font-family: "SimSun", "宋体", serif; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td, th { border: 1px solid #000; padding: 3pt 4pt; vertical-align: middle; text-align: center; word-break: break-all; }
th { font-weight: bold; }
td.long { text-align: left; }
td.number { text-align: right; }
tr { page-break-inside: avoid; }
""".strip()


def html_text(table: Table) -> str:
    sheet = form_sheet(table)
    return render(sheet, table.title or sheet.name)


def write_html(table: Table, target: str | Path) -> None:
    Path(target).write_text(html_text(table), encoding="utf-8")


def render(sheet: Sheet, title: str) -> str:
    heads = [b for b in sheet.blocks if b.row < sheet.table_from]
    body = [b for b in sheet.blocks if b.row >= sheet.table_from]
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">', f"<title>{escape(title)}</title>", f"<style>\n{STYLE}\n</style>", "</head>", "<body>"]
    for block in heads:
        out.append(f"<h1>{_text(block.text)}</h1>" if block.role == "title" else f'<p class="year">{_text(block.text)}</p>')
    total = sum(sheet.widths)
    out.append('<table border="1" cellspacing="0" cellpadding="4">')
    out.append("<colgroup>" + "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in sheet.widths) + "</colgroup>")
    by_row: dict[int, list] = {}
    for block in body:
        by_row.setdefault(block.row, []).append(block)
    for row in range(sheet.table_from, sheet.rows):
        out.append("<tr>")
        for block in sorted(by_row.get(row, []), key=lambda b: b.col):
            tag = "th" if block.role == "header" else "td"
            attrs = "".join(
                f' {name}="{value}"' for name, value in (("rowspan", block.rowspan), ("colspan", block.colspan)) if value > 1
            )
            css = f' class="{block.role}"' if block.role in ("long", "number") else ""
            out.append(f"<{tag}{attrs}{css}>{_text(block.text)}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _text(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))
