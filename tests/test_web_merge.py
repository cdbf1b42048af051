"""The three-way merge of an edit form (started from / they saved / you typed) and its use by the edit
service: nothing of a colleague's is reverted without a choice for that field, and a choice made on an
older view of the table is not applied to a newer one."""

from __future__ import annotations

import pytest
from web_support import build_world, edit_form, indicator, signed_in


def _field(key: str):
    from jixiao.web.tables.merge import Field

    return Field(key, key, lambda d: d.get(key), lambda d, v: d.__setitem__(key, v))


def test_each_side_keeps_what_only_it_changed():
    from jixiao.web.tables.merge import merge

    base, theirs = {"a": 1, "b": 1, "c": 1}, {"a": 2, "b": 1, "c": 1}
    result = merge([(_field("a"), 1), (_field("b"), 3), (_field("c"), 1)], base, theirs, {})
    assert [(f.key, old, new) for f, old, new in result.changes] == [("b", 1, 3)]  # a: theirs kept (not reverted to 1)
    assert result.clashes == [] and result.shown == {"a": 2, "b": 3, "c": 1}


def test_a_value_both_changed_waits_for_a_choice():
    from jixiao.web.tables.merge import MINE, THEIRS, merge

    base, theirs = {"a": 1}, {"a": 2}
    [clash] = merge([(_field("a"), 3)], base, theirs, {}).clashes
    assert (clash.base, clash.theirs, clash.mine) == (1, 2, 3) and clash.shown() == ("1", "2", "3")
    assert [(f.key, new) for f, _old, new in merge([(_field("a"), 3)], base, theirs, {"a": MINE}).changes] == [("a", 3)]
    kept = merge([(_field("a"), 3)], base, theirs, {"a": THEIRS})
    assert kept.changes == [] and kept.clashes == []
    assert merge([(_field("a"), 2)], base, theirs, {}).clashes == []  # both made the same change


def test_without_the_starting_version_every_difference_is_a_clash():
    from jixiao.web.tables.merge import merge

    result = merge([(_field("a"), 1), (_field("b"), 5)], None, {"a": 1, "b": 4}, {})
    assert [c.key for c in result.clashes] == ["b"] and result.clashes[0].base is None


@pytest.mark.django_db
def test_a_choice_made_on_an_older_view_is_not_applied(example_path):
    """Bob chose his value while looking at version 2; Carol saved version 3 meanwhile: Bob is shown the clash again."""
    world = build_world(example_path)
    record = world.tables["A_draft"]
    alice, bob = signed_in(world.users["staffA"]), signed_in(world.users["staffA"])
    form_bob = edit_form(record)
    form_a = edit_form(record)
    form_a["annual_value_1"] = "220元/月/人"
    assert alice.post(f"/tables/{record.pk}/edit/", form_a).status_code == 302
    form_bob["annual_value_1"] = "250元/月/人"
    assert bob.post(f"/tables/{record.pk}/edit/", form_bob).status_code == 409
    record.refresh_from_db()
    form_c = edit_form(record)
    form_c["annual_value_1"] = "230元/月/人"
    assert alice.post(f"/tables/{record.pk}/edit/", form_c).status_code == 302  # version 3
    response = bob.post(f"/tables/{record.pk}/edit/", {**form_bob, "seen": 2, "choice_annual_value_1": "mine"})
    assert response.status_code == 409 and response.context["conflict"].clashes[0].theirs == "230元/月/人"
    assert indicator(record, 1)["annual_value"] == "230元/月/人"
