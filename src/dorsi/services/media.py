"""Media files (uploads, report files, images) through Django's storage API.

Every file a user's video produces is named by a key such as ``videos/7/42/annotated.mp4`` and
read and written only through the ``default`` storage: the data folder on this machine
(``DORSI_DATA_DIR/media/``, the default) or an S3-compatible object store
(``DORSI_MEDIA_STORAGE=s3``), so web and worker processes on several hosts share no disk.
Nothing here knows which one is configured, except where the object store can do better than
a file: a byte range is one ranged GET, and a folder is deleted with one batch request.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, storages

CHUNK_BYTES = 64 * 1024


def media_storage() -> Storage:
    return storages["default"]


def _object_store(storage: Storage) -> Any | None:
    """The S3 storage when media live in an object store (None for a local folder)."""
    from storages.backends.s3 import S3Storage

    return storage if isinstance(storage, S3Storage) else None


def _s3_key(store: Any, name: str) -> str:
    from storages.utils import clean_name

    return str(store._normalize_name(clean_name(name)))


def media_local_path(name: str) -> Path | None:
    """Where the file is on this machine's disk, or None when media live in an object store."""
    try:
        return Path(media_storage().path(name))
    except NotImplementedError:
        return None


def media_save(name: str, content: bytes | Path | IO[bytes]) -> None:
    """Write a file under exactly this name, replacing any file of that name."""
    storage = media_storage()
    storage.delete(name)
    if isinstance(content, bytes):
        saved = storage.save(name, ContentFile(content))
    elif isinstance(content, Path):
        with content.open("rb") as handle:
            saved = storage.save(name, File(handle))
    else:
        saved = storage.save(name, File(content))
    if saved != name:  # pragma: no cover - a storage that renames instead of replacing
        storage.delete(saved)
        raise OSError(f"the media storage stored {name} as {saved}")


def media_read(name: str) -> bytes:
    with media_storage().open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


def media_exists(name: str) -> bool:
    return media_storage().exists(name)


def media_size(name: str) -> int:
    return media_storage().size(name)


def media_files(prefix: str) -> set[str]:
    """The names of the files directly under ``prefix`` (none when it does not exist)."""
    try:
        _, files = media_storage().listdir(prefix)
    except FileNotFoundError:
        return set()
    return set(files)


def media_folders(prefix: str) -> set[str]:
    """The names of the folders directly under ``prefix``."""
    try:
        folders, _ = media_storage().listdir(prefix)
    except FileNotFoundError:
        return set()
    return set(folders)


def media_walk(prefix: str) -> Iterator[str]:
    """Every file name under ``prefix``, relative to it (``42/annotated.mp4``)."""
    for name in sorted(media_files(prefix)):
        yield name
    for folder in sorted(media_folders(prefix)):
        for name in media_walk(f"{prefix}/{folder}"):
            yield f"{folder}/{name}"


def media_delete_tree(prefix: str) -> None:
    """Remove every file under ``prefix`` (nothing happens when there is none)."""
    storage = media_storage()
    store = _object_store(storage)
    if store is not None:
        store.bucket.objects.filter(Prefix=_s3_key(store, prefix) + "/").delete()
        return
    local = media_local_path(prefix)
    if local is not None:
        shutil.rmtree(local, ignore_errors=True)
        return
    for name in list(media_walk(prefix)):  # pragma: no cover - another kind of storage
        storage.delete(f"{prefix}/{name}")


def media_download(name: str, target: Path) -> None:
    """Copy a stored file to a local path (a worker's scratch folder)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with media_storage().open(name, "rb") as source, target.open("wb") as handle:
        shutil.copyfileobj(source, handle, CHUNK_BYTES)


def media_chunks(name: str, start: int, length: int) -> Iterator[bytes]:
    """``length`` bytes of a stored file from ``start``, a piece at a time. From an object
    store this is one ranged GET: the web process never fetches the whole video."""
    storage = media_storage()
    store = _object_store(storage)
    if store is not None:
        if length <= 0:
            return
        answer = store.connection.meta.client.get_object(
            Bucket=store.bucket_name,
            Key=_s3_key(store, name),
            Range=f"bytes={start}-{start + length - 1}",
        )
        body = answer["Body"]
        try:
            yield from body.iter_chunks(CHUNK_BYTES)
        finally:
            body.close()
        return
    with storage.open(name, "rb") as handle:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK_BYTES, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk
