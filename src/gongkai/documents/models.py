"""Documents (现行文件) with their 文章属性, attachments, relations and validity history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.documents.domain.vocab import (
    RELATION_LABELS,
    STATE_LABELS,
    VERSION_LABELS,
    Disclosure,
    InterpretationKind,
    Level,
    State,
    Validity,
)
from gongkai.documents.querysets import DocumentQuerySet


def _choices(enum) -> list[tuple[str, str]]:
    return [(m.value, m.value) for m in enum]


class Work(models.Model):
    """One rule or document over time (作品): its versions are Documents — the original and
    each 修正 / 修订 / 重新公布, and an unofficial 整理版 consolidated from a decision. The
    current version is the latest one, an official text winning over a 整理版 of the same date
    (documents.versions keeps `is_current_version`)."""

    title = models.CharField(_("标题"), max_length=500, db_index=True)
    issuer_key = models.CharField(_("制定机关"), max_length=200, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("文件（各版本）")
        verbose_name_plural = _("文件（各版本）")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Document(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="documents", verbose_name=_("报送单位")
    )
    issuers = models.ManyToManyField(
        Unit, blank=True, related_name="issued_documents", verbose_name=_("制定机关"),
        help_text=_("联合发文时有多个"),
    )
    issuer_names = models.JSONField(
        _("制定机关（原文）"), default=list, blank=True,
        help_text=_("文件上写的发布机关名称，按原文保存"),
    )
    title = models.CharField(_("标题"), max_length=500, db_index=True)
    # Indexed keys for finding this document from a reference by title (relations): the title
    # without its issuer, and what a 印发 notice issues. Kept by the document services.
    title_core_key = models.CharField(max_length=500, blank=True, db_index=True, editable=False)
    title_inner_key = models.CharField(max_length=500, blank=True, db_index=True, editable=False)
    doc_number = models.CharField(_("发文字号"), max_length=100, blank=True, db_index=True)
    doc_number_key = models.CharField(max_length=100, blank=True, db_index=True, editable=False)
    doc_prefix = models.CharField(_("机关代字"), max_length=60, blank=True, db_index=True)
    doc_year = models.PositiveIntegerField(_("发文年份"), null=True, blank=True)
    doc_serial = models.PositiveIntegerField(_("发文序号"), null=True, blank=True)
    written_date = models.DateField(_("成文日期"), null=True, blank=True)
    publish_date = models.DateField(_("公布日期"), null=True, blank=True, db_index=True)
    effective_date = models.DateField(_("施行日期"), null=True, blank=True)
    expiry_date = models.DateField(_("有效期至"), null=True, blank=True)
    level = models.CharField(_("效力等级"), max_length=20, choices=_choices(Level), blank=True)
    validity = models.CharField(
        _("时效性"), max_length=10, choices=_choices(Validity), default=Validity.CURRENT.value,
        db_index=True,
    )
    category = models.CharField(_("主题分类"), max_length=200, blank=True)
    disclosure = models.CharField(
        _("公开属性"), max_length=10, choices=_choices(Disclosure),
        default=Disclosure.PROACTIVE.value,
    )
    disclosure_reason = models.TextField(
        _("不予公开或依申请公开的理由"), blank=True,
        help_text=_("不予公开须写明依据，如 条例第十四条"),
    )
    index_no = models.CharField(_("索引号"), max_length=80, blank=True, db_index=True)
    body = models.TextField(_("正文"), blank=True)
    interprets = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="interpretations",
        verbose_name=_("解读的文件"),
    )
    interpretation_kind = models.CharField(
        _("解读形式"), max_length=20, blank=True, choices=_choices(InterpretationKind),
        help_text=_("本文件是政策解读时填写：文字解读、图解、简明问答、视频/发布会、专家解读"),
    )
    interpretation_link = models.CharField(
        _("解读链接"), max_length=500, blank=True,
        help_text=_("视频、发布会或外部图解的地址"),
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=[(k.value, v) for k, v in STATE_LABELS.items()],
        default=State.DRAFT.value, db_index=True,
    )
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    source_name = models.CharField(_("来源文件"), max_length=300, blank=True)
    content_hash = models.CharField(_("内容哈希"), max_length=64, blank=True, db_index=True)
    extraction_warnings = models.JSONField(_("提取提示"), default=list, blank=True)
    # What a decision says it does: {"amend": 19, "repeal": 3} (声明修改 19 件, 废止 3 件), so its
    # page can show how many of them are linked (documents.relations keeps it).
    declared_counts = models.JSONField(_("声明数量"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("登记人"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # Versions (issue 19). A document without a work is a work of one version.
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.SET_NULL, related_name="versions",
        verbose_name=_("所属文件"),
    )
    version_kind = models.CharField(
        _("版本"), max_length=20, blank=True,
        choices=[(k.value, v) for k, v in VERSION_LABELS.items()],
    )
    version_decision = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="produced_versions",
        verbose_name=_("产生本版本的决定"),
    )
    is_current_version = models.BooleanField(_("现行版本"), default=True, db_index=True)
    publish_date_source = models.CharField(
        _("公布日期来源"), max_length=20, blank=True,
        help_text=_("空：取自正文；filename：取自文件名；history：取自沿革（修正、修订记录）"),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("文件")
        verbose_name_plural = _("文件")
        ordering = ["-publish_date", "-id"]
        indexes = [
            models.Index(fields=["unit", "doc_prefix", "doc_year"]),
            models.Index(fields=["state", "publish_date"]),
            # The home page's and 目录's counts by unit and 时效性, read from this index alone
            # (portal.selectors.public_counts); PostgreSQL also gets a partial index for the
            # newest-first list (migration 0010).
            models.Index(fields=["state", "is_current_version", "unit", "disclosure", "validity"],
                         name="document_public_counts"),
        ]
        constraints = [
            # 索引号 identifies one document in the 政府信息公开目录: never two (blank is allowed
            # while a document has none). Allocation goes through IndexNoSequence.
            models.UniqueConstraint(
                fields=["index_no"], condition=~models.Q(index_no=""),
                name="document_index_no_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:document", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """The visibility rule as a predicate (``querysets.is_public``, matching ``public_q``)."""
        from gongkai.documents.querysets import is_public

        return is_public(self)


class IndexNoSequence(models.Model):
    """The last 索引号 serial handed out for one prefix (unit code / year). Allocation locks
    this row (SELECT … FOR UPDATE), so concurrent registrations never get the same number."""

    prefix = models.CharField(max_length=80, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("索引号序列")
        verbose_name_plural = _("索引号序列")

    def __str__(self) -> str:
        return f"{self.prefix}{self.last:05d}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class Attachment(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("文件")
    )
    name = models.CharField(_("文件名"), max_length=300)
    file = models.FileField(_("附件"), upload_to=attachment_path, max_length=500)
    sha256 = models.CharField(_("内容哈希"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("大小"), default=0)
    content_type = models.CharField(_("类型"), max_length=100, blank=True)
    is_source = models.BooleanField(_("原始文件"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class DocumentRelation(models.Model):
    """A reference from one document to another: amends, repeals, cites …

    The target may be unresolved (not in the library): its title and 发文字号 are kept as text.
    """

    source = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("来源文件")
    )
    target = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="relations_in",
        verbose_name=_("目标文件"),
    )
    action = models.CharField(
        _("关系"), max_length=20, choices=[(k.value, v) for k, v in RELATION_LABELS.items()]
    )
    target_title = models.CharField(_("被引标题"), max_length=500, blank=True)
    target_doc_number = models.CharField(_("被引文号"), max_length=100, blank=True)
    # What the text says it does (修改/废止…); `action` is what the link does, which is a
    # citation when the source may not change the target (domain/linking.py, `link_reason`).
    stated_action = models.CharField(
        _("原文所称关系"), max_length=20, blank=True,
        choices=[(k.value, v) for k, v in RELATION_LABELS.items()],
    )
    link_reason = models.CharField(_("关联依据"), max_length=30, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("确认人"),
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    effective_date = models.DateField(_("生效日期"), null=True, blank=True)
    applied_at = models.DateTimeField(_("已生效处理时间"), null=True, blank=True)
    context = models.TextField(_("原文"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("文件关系")
        verbose_name_plural = _("文件关系")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "stated_action", "target_title", "target_doc_number"],
                name="documents_relation_unique_reference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.action} {self.target_id or self.target_title}"

    @property
    def link_label(self) -> str:
        from gongkai.documents.domain.linking import REASON_LABELS, LinkReason

        try:
            return REASON_LABELS[LinkReason(self.link_reason)]
        except ValueError:
            return ""


class ValidityEvent(models.Model):
    """One recorded change of 时效性, with its date, cause and actor (issue: lifecycle)."""

    CAUSES = [
        ("effective", _("施行")),
        ("decision", _("决定")),
        ("expiry", _("有效期届满")),
        ("cleanup", _("文件清理")),
        ("manual", _("人工更正")),
        ("import", _("导入")),
    ]
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="validity_events", verbose_name=_("文件")
    )
    date = models.DateField(_("生效日期"))
    from_validity = models.CharField(_("原时效性"), max_length=10, blank=True)
    to_validity = models.CharField(_("新时效性"), max_length=10)
    cause = models.CharField(_("原因"), max_length=20, choices=CAUSES)
    cause_document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("依据文件"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("操作人"),
    )
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("时效性变更")
        verbose_name_plural = _("时效性变更")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.from_validity}→{self.to_validity}"


class RevisionTask(models.Model):
    """A document found to need amendment (文件清理 "需要修改"): open until an amending decision
    is applied to it or a new version of it is filed (documents.revisions)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="revision_tasks", verbose_name=_("文件")
    )
    reason = models.TextField(_("需要修改的理由"), blank=True)
    origin = models.CharField(_("来源"), max_length=200, blank=True)
    opened_at = models.DateTimeField(_("开启时间"), auto_now_add=True)
    due_date = models.DateField(_("完成期限"))
    closed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("完成依据"),
    )

    class Meta:
        verbose_name = _("修改任务")
        verbose_name_plural = _("修改任务")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document"], condition=models.Q(closed_at__isnull=True),
                                    name="documents_one_open_revision_task"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} 需要修改（{self.due_date}）"


class PendingChange(models.Model):
    """The durable outbox of document changes (ADR 0011).

    ``documents.events.announce`` writes a row in the same transaction as the change; the
    listeners (search index, relation linking) run on commit and the rows are deleted once they
    have all succeeded. Rows left behind by a killed process or a failed listener are sent again
    by ``documents.events.changes_drain`` (every import and reindex run, and the periodic job),
    so a committed change is never lost. No foreign key: a deleted document must still leave
    the index."""

    document_id = models.BigIntegerField(db_index=True)
    reason = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("待处理的文件变更")
        verbose_name_plural = _("待处理的文件变更")

    def __str__(self) -> str:
        return f"{self.reason} #{self.document_id}"


class PublicCount(models.Model):
    """How many public documents (current versions) a unit has per 时效性: the home page's and
    the 目录's counts, read in one small query whatever the library's size. Kept current by
    ``documents.receivers.counts_on_change`` (the units of every announced change are
    recounted from the `document_public_counts` index); ``documents.counts.public_counts_refresh``
    recounts all of them (migration, ``gongkai reindex --repair``)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    validity = models.CharField(max_length=20)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("公开文件数")
        verbose_name_plural = _("公开文件数")
        constraints = [models.UniqueConstraint(fields=["unit", "validity"],
                                               name="public_count_unit_validity")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.validity}: {self.count}"
