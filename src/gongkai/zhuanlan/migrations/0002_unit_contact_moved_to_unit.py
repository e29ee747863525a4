from django.db import migrations


class Migration(migrations.Migration):
    """办公地址, 办公时间, 电话, 传真, 电子邮箱, 邮政编码 and the 受理地址/受理电话 are the unit's
    (moved onto it by disclosure_requests 0005, which must run first)."""

    dependencies = [
        ("zhuanlan", "0001_initial"),
        ("disclosure_requests", "0005_desk_contact_moved_to_unit"),
    ]

    operations = [
        migrations.RemoveField(model_name="unitcontact", name=name)
        for name in ("address", "office_hours", "phone", "fax", "email", "postcode",
                     "request_address", "request_phone")
    ]
