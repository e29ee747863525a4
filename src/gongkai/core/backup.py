"""Backups (备份) and restores of one installation: the database, the media files and the
secret key, with a manifest of SHA-256 checksums.

Layout of a backup folder:
    manifest.json        what is inside: format, time, database vendor, migrations, counts,
                         and {path: {sha256, size}} for every other file
    database.sqlite3     SQLite: a consistent copy through SQLite's online backup API
    database.pgdump      PostgreSQL: `pg_dump --format=custom` (restored with pg_restore)
    media/…              every file of MEDIA_ROOT (filesystem storage)
    secret_key           the SECRET_KEY in use (sessions, signed links stay valid)

`backup_verify` recomputes every checksum; `backup_restore` refuses a backup that does not
verify, and refuses to overwrite a database that already has data (unless `force`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from gongkai.core.errors import CoreError

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
SECRET_FILE = "secret_key"


class BackupError(CoreError):
    code = "backup"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _db() -> dict:
    return settings.DATABASES[DEFAULT_DB_ALIAS]


def _vendor() -> str:
    engine = _db()["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"不支持备份数据库引擎 {engine}", field="DATABASE_URL")


def _pg_env() -> tuple[list[str], dict]:
    db = _db()
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args, env


def _run(argv: list[str], env: dict) -> None:
    try:
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError as exc:
        raise BackupError(f"找不到 {argv[0]}：请安装 PostgreSQL 客户端（postgresql-client）",
                          field="database") from exc
    if done.returncode != 0:
        raise BackupError(f"{argv[0]} 失败：{done.stderr.strip()[:500]}", field="database")


def _counts() -> dict[str, int]:
    from django.apps import apps

    labels = {"documents": "documents.Document", "attachments": "documents.Attachment",
              "requests": "disclosure_requests.DisclosureRequest", "runs": "assessment.Run",
              "units": "core.Unit", "users": "core.User", "audit": "core.AuditLog"}
    counts = {}
    for name, label in labels.items():
        try:
            counts[name] = apps.get_model(label).objects.count()
        except LookupError:
            continue
    return counts


def _migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[DEFAULT_DB_ALIAS]).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    files: int = 0
    bytes: int = 0


def backup_create(target: Path) -> BackupResult:
    """Write a backup into `target` (a new or empty folder)."""
    target = Path(target).resolve()
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"备份目录 {target} 不是空目录：请指定一个新目录", field="DIR")
    if target == settings.DATA_DIR or settings.DATA_DIR in target.parents:
        pass  # allowed: var/backups/… (media is copied from MEDIA_ROOT, not the data dir)
    target.mkdir(parents=True, exist_ok=True)
    vendor = _vendor()
    if vendor == "sqlite":
        source = sqlite3.connect(str(_db()["NAME"]))
        dest = sqlite3.connect(str(target / SQLITE_FILE))
        try:
            with dest:
                source.backup(dest)  # consistent while the site keeps writing (WAL)
        finally:
            dest.close()
            source.close()
    else:
        args, env = _pg_env()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
              "--file", str(target / PG_FILE), str(_db()["NAME"])], env)
    media_root = Path(settings.MEDIA_ROOT)
    media_note = "filesystem"
    if "FileSystemStorage" in settings.STORAGES["default"]["BACKEND"]:
        if media_root.is_dir():
            shutil.copytree(media_root, target / "media", symlinks=False)
        else:
            (target / "media").mkdir()
    else:
        media_note = "external storage (not in this backup: use the bucket's versioning)"
    secret = target / SECRET_FILE
    secret.write_text(settings.SECRET_KEY, encoding="utf-8")
    secret.chmod(0o600)
    files: dict[str, dict] = {}
    total = 0
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        rel = path.relative_to(target).as_posix()
        size = path.stat().st_size
        files[rel] = {"sha256": _sha256(path), "size": size}
        total += size
    from importlib.metadata import PackageNotFoundError, version

    try:
        app_version = version("gongkai")
    except PackageNotFoundError:
        app_version = "unknown"
    manifest = {
        "format": FORMAT, "created_at": timezone.now().isoformat(), "gongkai": app_version,
        "database": {"vendor": vendor, "file": SQLITE_FILE if vendor == "sqlite" else PG_FILE},
        "media": media_note, "migrations": _migrations(), "counts": _counts(), "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
    return BackupResult(target, manifest, len(files), total)


@dataclass
class Verification:
    manifest: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def backup_verify(source: Path) -> Verification:
    source = Path(source).resolve()
    result = Verification()
    path = source / MANIFEST
    if not path.is_file():
        result.problems.append(f"{path} 不存在：这不是 gongkai 备份目录")
        return result
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        result.problems.append(f"{MANIFEST} 无法解析：{exc}")
        return result
    result.manifest = manifest
    if manifest.get("format") != FORMAT:
        result.problems.append(f"备份格式 {manifest.get('format')} 不受支持（应为 {FORMAT}）")
        return result
    files = manifest.get("files") or {}
    db_file = (manifest.get("database") or {}).get("file", "")
    if db_file not in files:
        result.problems.append("清单中没有数据库文件")
    for rel, meta in files.items():
        file = (source / rel).resolve()
        if source not in file.parents:
            result.problems.append(f"{rel}: 路径越出备份目录")
            continue
        if not file.is_file():
            result.problems.append(f"{rel}: 文件缺失")
        elif file.stat().st_size != meta.get("size"):
            result.problems.append(f"{rel}: 大小不符（清单 {meta.get('size')}，实际 {file.stat().st_size}）")
        elif _sha256(file) != meta.get("sha256"):
            result.problems.append(f"{rel}: 校验和不符，文件已损坏或被修改")
    listed = set(files) | {MANIFEST}
    for extra in sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()):
        if extra not in listed:
            result.problems.append(f"{extra}: 不在清单中")
    return result


def _database_has_data() -> bool:
    try:
        return any(n > 0 for n in _counts().values())
    except Exception:  # no tables yet
        return False


def backup_restore(source: Path, *, force: bool = False) -> dict:
    """Restore into the configured database, MEDIA_ROOT and data directory."""
    source = Path(source).resolve()
    check = backup_verify(source)
    if not check.ok:
        shown = "；".join(check.problems[:10])
        more = f"（另有 {len(check.problems) - 10} 处）" if len(check.problems) > 10 else ""
        raise BackupError(f"备份 {source} 校验未通过，未做任何恢复：{shown}{more}", field="DIR")
    manifest = check.manifest
    vendor = _vendor()
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(f"备份的数据库是 {manifest['database']['vendor']}，当前配置是 {vendor}："
                          "请设置相同类型的 DATABASE_URL", field="DATABASE_URL")
    media_root = Path(settings.MEDIA_ROOT)
    if not force:
        if _database_has_data():
            raise BackupError("当前数据库已有数据：恢复会覆盖它。请使用空的数据目录，"
                              "或确认后加 --force", field="DATABASE_URL")
        if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
            raise BackupError(f"附件目录 {media_root} 不是空的：请使用空的数据目录，或确认后加 --force",
                              field="MEDIA_ROOT")
    connections.close_all()
    if vendor == "sqlite":
        name = Path(_db()["NAME"])
        name.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=name.parent, delete=False, suffix=".restore") as tmp:
            tmp_path = Path(tmp.name)
        source_db = sqlite3.connect(str(source / SQLITE_FILE))
        dest = sqlite3.connect(str(tmp_path))
        try:
            with dest:
                source_db.backup(dest)
        finally:
            dest.close()
            source_db.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        os.replace(tmp_path, name)
    else:
        args, env = _pg_env()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", *args, "--dbname", str(_db()["NAME"]),
              str(source / PG_FILE)], env)
    if (source / "media").is_dir():
        if force and media_root.is_dir():
            shutil.rmtree(media_root)
        shutil.copytree(source / "media", media_root, dirs_exist_ok=True)
    secret = (source / SECRET_FILE).read_text(encoding="utf-8").strip()
    key_note = "secret key restored to the data directory"
    if os.environ.get("SECRET_KEY"):
        key_note = ("SECRET_KEY is set in the environment: it is used, not the backup's"
                    if os.environ["SECRET_KEY"] != secret else "SECRET_KEY matches the backup")
    else:
        path = settings.DATA_DIR / SECRET_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secret, encoding="utf-8")
        path.chmod(0o600)
    connections.close_all()
    return {"counts_expected": manifest.get("counts", {}), "counts": _counts(),
            "secret_key": key_note, "created_at": manifest.get("created_at")}
