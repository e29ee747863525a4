"""The review rules held as data: the two-person rule (两人分办) per unit; 另行登记 as a gap reason."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('review', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReviewPolicy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('two_person_rule', models.BooleanField(default=True, help_text='同一人不能办理同一文件的相邻两个环节（报送、保密审查、审核批准、发布）', verbose_name='两人分办')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('unit', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='review_policy', to='core.unit', verbose_name='单位')),
            ],
            options={
                'verbose_name': '审核规则',
                'verbose_name_plural': '审核规则',
            },
        ),
        migrations.AlterField(
            model_name='gapnote',
            name='kind',
            field=models.CharField(choices=[('作废', '作废'), ('号码跳号', '号码跳号'), ('涉密文件', '涉密文件'), ('非公文', '非公文'), ('另行登记', '另行登记'), ('其他', '其他')], max_length=20, verbose_name='缺号原因'),
        ),
    ]
