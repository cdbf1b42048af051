"""API tokens hashed at rest, with expiry and revoke.

Existing tokens keep working: each stored key is replaced by its SHA-256 (the key itself is no longer
kept anywhere) and given the default lifetime (API_TOKEN_DAYS) from the day of the migration.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def hash_keys(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    expires = timezone.now() + dt.timedelta(days=settings.API_TOKEN_DAYS)
    for token in ApiToken.objects.all():
        token.digest = hashlib.sha256(token.key.encode()).hexdigest()
        token.hint = token.key[:6]
        token.expires = expires
        token.save(update_fields=["digest", "hint", "expires"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(model_name="apitoken", name="digest", field=models.CharField(max_length=64, null=True)),
        migrations.AddField(model_name="apitoken", name="hint", field=models.CharField(default="", max_length=16, verbose_name="令牌开头")),
        migrations.AddField(model_name="apitoken", name="name", field=models.CharField(blank=True, default="", max_length=100, verbose_name="用途")),
        migrations.AddField(model_name="apitoken", name="expires", field=models.DateTimeField(null=True, verbose_name="到期时间")),
        migrations.AddField(model_name="apitoken", name="revoked", field=models.DateTimeField(blank=True, null=True, verbose_name="撤销时间")),
        migrations.AddField(model_name="apitoken", name="last_used", field=models.DateTimeField(blank=True, null=True, verbose_name="最近使用")),
        migrations.RunPython(hash_keys, migrations.RunPython.noop),
        migrations.RemoveField(model_name="apitoken", name="key"),
        migrations.AlterField(model_name="apitoken", name="digest", field=models.CharField(max_length=64, unique=True)),
        migrations.AlterField(model_name="apitoken", name="expires", field=models.DateTimeField(verbose_name="到期时间")),
        migrations.AlterModelOptions(name="apitoken", options={"ordering": ["-created", "-id"]}),
    ]
