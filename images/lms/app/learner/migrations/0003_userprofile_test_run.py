from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("learner", "0002_discussion_blocks"),
    ]

    operations = [
        migrations.AddField(
            model_name="userprofile",
            name="test_run",
            field=models.CharField(blank=True, db_index=True, default="", max_length=64),
        ),
    ]
