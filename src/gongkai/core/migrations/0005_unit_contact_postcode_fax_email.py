from django.db import migrations, models


class Migration(migrations.Migration):
    """The unit's contact data becomes the one source (受理点 and 专栏 read it): the fields the
    desk and the 专栏 had that the unit did not."""

    dependencies = [
        ("core", "0004_unit_contact_and_requests_assessor_stage"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit", name="contact_postcode",
            field=models.CharField(blank=True, max_length=10, verbose_name="邮政编码"),
        ),
        migrations.AddField(
            model_name="unit", name="contact_fax",
            field=models.CharField(blank=True, max_length=100, verbose_name="传真"),
        ),
        migrations.AddField(
            model_name="unit", name="contact_email",
            field=models.CharField(blank=True, max_length=200, verbose_name="电子邮箱"),
        ),
    ]
