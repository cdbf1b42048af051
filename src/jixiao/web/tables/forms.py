"""Forms: upload, confirm, and the edit form whose values are checked by the value grammar."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.conf import settings

from ...domain import bounds
from ...domain.blank import is_blank
from ...domain.values import VALUE_KIND_NAMES, parse_value
from .upload_limit import too_large_message


class UploadForm(forms.Form):
    document = forms.FileField(label="目标表文件", help_text="支持文本、XLSX、DOCX、HTML、PDF")
    checklist = forms.ChoiceField(label="审核口径", required=False, help_text="本部门目标表的审核口径（地方审核细则）；默认为财预〔2015〕88号的审核维度")

    unit = forms.CharField(label="被评价单位", required=False, max_length=200, help_text="表中未写明单位时填写（新单位将被创建）")

    def __init__(self, *args, checklist: str = "", auditor: bool = False, **kwargs):
        from .. import engines

        super().__init__(*args, **kwargs)
        if auditor:  # a reviewer's or evaluator's upload of published self-evaluations: no checklist, a unit instead
            del self.fields["checklist"]
            self.fields["document"].help_text = "已公开的绩效自评表（一张或整个工作簿），用于自评得分复核"
            return
        del self.fields["unit"]
        field = self.fields["checklist"]
        choices = engines.checklist_choices()
        if checklist and checklist not in dict(choices):  # a stored name no longer shipped: shown, so the person sees it
            choices.append((checklist, f"{checklist}（不存在，请重新选择）"))
        field.choices = choices  # type: ignore[attr-defined]
        field.initial = checklist

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(too_large_message(document.size))
        return document


class ChecklistForm(forms.Form):
    """A department's review checklist (the 审核口径 page)."""

    checklist = forms.ChoiceField(label="审核口径", required=False)

    def __init__(self, *args, **kwargs):
        from .. import engines

        super().__init__(*args, **kwargs)
        self.fields["checklist"].choices = engines.checklist_choices()  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    pending = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(label="年度", min_value=bounds.YEARS[0], max_value=bounds.YEARS[1])


def value_error(text: str, level1: str | None) -> str | None:
    """A Chinese message when the grammar cannot read `text`; None when it can, or when it is blank or a
    placeholder (“/”、“—”、“无” …: not filled, kept as typed)."""
    if is_blank(text):
        return None
    if parse_value(text, level1=level1).kind == "unparsed":
        return f"无法识别的指标值“{text}”：请写成如 ≥90%、20个、10-12人、良好 等形式"
    return None


def value_summary(text: str, level1: str | None) -> str:
    """One line saying how the grammar reads a value (shown live beside the input via htmx)."""
    if not text.strip():
        return "（空）"
    if is_blank(text):
        return "未填（占位符）"
    parsed = parse_value(text, level1=level1)
    kind = VALUE_KIND_NAMES.get(parsed.kind, parsed.kind)
    return f"{kind}·{parsed.direction.value}" if parsed.direction is not None else kind


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")  # finite by construction: no nan/inf
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．＋－ｅＥ", "0123456789.+-eE")


def parse_number(text: str, label: str, errors: list[str], integer: bool = False):
    """A number typed into a form (thousands separators allowed), checked against the domain's bounds
    (`domain.bounds`: a count or an amount in 万元); blank or a placeholder is None (not filled). An
    objection is appended to `errors` in Chinese and None returned."""
    text = (text or "").replace(",", "").replace("，", "").strip()
    if is_blank(text):
        return None
    text = text.translate(_FULL_WIDTH)
    number = Decimal(text) if _NUMBER.fullmatch(text) else None
    if number is None or (integer and number != number.to_integral_value()):
        errors.append(f"{label}：“{text}”不是{'整数' if integer else '数字'}（应写成如 {'12' if integer else '1,234.56'} 的有限数值）")
        return None
    value = int(number) if integer else round(float(number), 2)
    if refused := bounds.problem(value, "count" if integer else "wan", label):
        errors.append(refused)
        return None
    return value
