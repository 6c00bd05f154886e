"""Writing a file so that a failure never leaves it half-written.

Every writer of the library that takes a path (`write_jsonl` and the writers of
`trafficking_model.formats`) goes through `write_atomically`, so they all treat
links, devices and read-only files the same way.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["write_atomically"]


def write_atomically(
    target: str | os.PathLike[str],
    write: Callable[[IO[bytes]], int],
    *,
    replace_read_only: bool = False,
) -> int:
    r"""Call `write` on a binary file that replaces `target` only once complete.

    Where `target` names a regular file, or no file yet, `write` writes to a
    temporary file in the same folder, which replaces `target` atomically (a
    rename) once it is flushed to disk; if `write` fails, `target` is left as
    it was and the temporary file is removed. The new file keeps the mode and,
    where the process may set them, the owner and group of the file it
    replaces. A symbolic link is followed, and stays a link. A FIFO, a device or
    a descriptor view such as `/dev/stdout` is written straight into,
    appending, and nothing is atomic there.

    Args:
        target: The path to write.
        write: Writes the content into the file it is given and returns a count
            (records, rows) that is passed back.
        replace_read_only: Replace a regular file even if it is read-only.

    Returns:
        What `write` returned.

    Raises:
        PermissionError: If `target` is a read-only file and `replace_read_only`
            is false; nothing is written.
        OSError: If the target cannot be written.

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> write_atomically(folder / "out.txt", lambda file: file.write(b"done\n"))
        5
        >>> (folder / "out.txt").read_text()
        'done\n'
    """
    try:
        status: os.stat_result | None = Path(target).stat()
    except FileNotFoundError:
        status = None
    # A symbolic link is followed to the file it names, even a dangling one.
    path = Path(os.path.realpath(target))
    if status is not None and (
        not stat.S_ISREG(status.st_mode)
        or _is_special(Path(os.path.abspath(target)))
        or _is_special(path)
    ):
        # A FIFO, a device or a descriptor under /proc or /dev/fd: write through,
        # appending, so that a file behind /dev/stdout keeps what came before.
        with Path(target).open("ab") as stream:
            return write(stream)
    if status is not None and not replace_read_only and _read_only(path, status):
        raise PermissionError(
            errno.EACCES,
            "refusing to replace a read-only file (pass replace_read_only=True "
            "to replace it anyway)",
            os.fspath(target),
        )
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            count = write(file)
            file.flush()
            _copy_metadata(status, file.fileno(), temporary)
            os.fsync(file.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return count


def _is_special(path: Path) -> bool:
    """Whether `path` is a view of a descriptor, such as `/dev/stdout`.

    Example:
        >>> _is_special(Path("/dev/stdout")), _is_special(Path("/proc/1/fd/1"))
        (True, True)
        >>> _is_special(Path("/dev/shm/records.jsonl"))
        False
    """
    parts = path.parts
    return parts[1:2] == ("proc",) or (
        parts[1:2] == ("dev",) and parts[2:3] in _DESCRIPTOR_VIEWS
    )


_DESCRIPTOR_VIEWS = frozenset({("fd",), ("stdin",), ("stdout",), ("stderr",)})


def _read_only(path: Path, status: os.stat_result) -> bool:
    """Whether the caller could not write the file, or it is read-only for all."""
    return not os.access(path, os.W_OK) or not status.st_mode & 0o222


def _copy_metadata(status: os.stat_result | None, handle: int, temporary: str) -> None:
    """Give the new file the owner and mode of the one it replaces, or defaults.

    The owner and group are kept where the process may set them (a process
    can give a file away only with privileges, but may set its group to one it
    belongs to); the mode is set last, as changing the owner can clear the
    set-user-id and set-group-id bits.
    """
    if status is None:
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)
        return
    mine = os.fstat(handle)
    if hasattr(os, "fchown") and (mine.st_uid, mine.st_gid) != (
        status.st_uid,
        status.st_gid,
    ):
        with contextlib.suppress(PermissionError):
            os.fchown(handle, status.st_uid, status.st_gid)
            mine = os.fstat(handle)
        if mine.st_gid != status.st_gid:
            with contextlib.suppress(PermissionError):
                os.fchown(handle, -1, status.st_gid)
    Path(temporary).chmod(status.st_mode & 0o7777)


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk, where the system allows opening a folder."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not on every system
        return
    try:
        os.fsync(handle)
    except OSError:  # pragma: no cover - not on every file system
        pass
    finally:
        os.close(handle)
