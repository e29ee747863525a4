import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("assessment", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="run",
            name="period",
            field=models.CharField(db_index=True, help_text="年度 2025、半年 2025H1、季度 2025Q3",
                                   max_length=20, verbose_name="考评周期"),
        ),
        migrations.AddField(
            model_name="run",
            name="year_ago",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="assessment.run", verbose_name="同比的上年同期考评"),
        ),
        migrations.AddField(
            model_name="run",
            name="draft_number",
            field=models.PositiveIntegerField(default=1, verbose_name="草稿序号"),
        ),
        migrations.AddField(
            model_name="run",
            name="doc_number",
            field=models.CharField(blank=True, help_text="发布时录入，如 武政办〔2026〕12号", max_length=100,
                                   verbose_name="发文字号"),
        ),
        migrations.AddField(
            model_name="run",
            name="narrative",
            field=models.TextField(blank=True, help_text="“总体来看，”之后公开办自己的话，写在得分情况之前",
                                   verbose_name="总体情况"),
        ),
    ]
