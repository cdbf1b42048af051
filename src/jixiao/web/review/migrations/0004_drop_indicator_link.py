from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0003_comment_row_data'),
    ]

    operations = [
        migrations.RemoveField(model_name='reviewcomment', name='indicator'),
    ]
