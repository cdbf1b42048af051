"""Template context: the signed-in user's role, for menus."""

from ..permissions import role_of


def role(request):
    user = getattr(request, "user", None)
    r = role_of(user) if user is not None and user.is_authenticated else None
    return {"role": r, "role_label": r.label if r else ""}
