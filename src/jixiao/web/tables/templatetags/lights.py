"""The 信号灯 legend, for any page that shows lights: {% load lights %}{% light_legend %}."""

from __future__ import annotations

from django import template

from ...overview.light import LEGEND

register = template.Library()


@register.inclusion_tag("overview/_legend.html")
def light_legend() -> dict:
    return {"legend": LEGEND}
