"""A bar chart of scores by level-1 indicator (一级指标得分图) as PNG, drawn with Pillow.

Labels need a CJK font: the usual system fonts of Windows, macOS and Linux are tried in turn; where
none is found the bars are drawn with numbers only and the caption beside the picture names them.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_CANDIDATES = (
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


def _font(size: int):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            try:
                return ImageFont.truetype(candidate, size), True
            except OSError:
                continue
    return ImageFont.load_default(), False


def level_chart(levels: list[tuple[str, float, float]], *, width: int = 1200, height: int = 560) -> tuple[bytes, bool]:
    """PNG bytes of (level-1, score, full points) bars, and whether the labels could be drawn."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font, cjk = _font(22)
    left, right, top, bottom = 90, width - 40, 40, height - 90
    top_value = max([full for _, _, full in levels] + [1.0])
    draw.line((left, top, left, bottom), fill="black", width=2)
    draw.line((left, bottom, right, bottom), fill="black", width=2)
    for k in range(5):
        value = top_value * k / 4
        y = bottom - (bottom - top) * k / 4
        draw.line((left - 6, y, right, y), fill=(220, 220, 220))
        draw.text((10, y - 12), f"{value:.1f}", fill="black", font=font)
    slot = (right - left) / max(len(levels), 1)
    for n, (label, score, full) in enumerate(levels):
        x0 = left + slot * n + slot * 0.2
        x1 = left + slot * (n + 1) - slot * 0.2
        full_top = bottom - (bottom - top) * full / top_value
        score_top = bottom - (bottom - top) * score / top_value
        draw.rectangle((x0, full_top, x1, bottom), outline=(120, 120, 120), fill=(235, 235, 235))
        draw.rectangle((x0 + 8, score_top, x1 - 8, bottom), fill=(178, 34, 34))
        draw.text((x0, score_top - 30), f"{score:.2f}/{full:.2f}", fill="black", font=font)
        draw.text((x0, bottom + 12), label if cjk else f"#{n + 1}", fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue(), cjk
