"""Files keep their identity when saved, reads have limits, and documents
are locked the way LibreOffice locks them: real files in tmp_path."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from core.files import fileio, lock, reading, safewrite
from core.graph.errors import FileFormatError

EXAMPLES = Path("resources/examples")


def blog():
    return fileio.load(EXAMPLES / "blog_L.mgraph")


def neuron():
    return fileio.load(EXAMPLES / "neuron_tanh.mgraph")


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def only(folder: Path, *names: str) -> None:
    """Nothing but ``names`` in ``folder``: no temporary file left over."""
    assert sorted(x.name for x in folder.iterdir()) == sorted(names)


# ------------------------------------------------------------ identity kept
def test_saving_through_a_symlink_writes_its_target(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    target = real / "g.mgraph"
    fileio.save(blog(), target)
    link = tmp_path / "link.mgraph"
    link.symlink_to(target)
    fileio.save(neuron(), link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert fileio.load(target).output == "o"  # the target has the new graph
    only(real, "g.mgraph")


def test_saving_through_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.mgraph"
    link.symlink_to(tmp_path / "new.mgraph")
    fileio.save(blog(), link)
    assert link.is_symlink() and fileio.load(tmp_path / "new.mgraph").output == "L"


def test_a_hard_link_is_kept(tmp_path):
    a, b = tmp_path / "a.mgraph", tmp_path / "b.mgraph"
    fileio.save(blog(), a)
    os.link(a, b)
    ino = os.stat(a).st_ino
    fileio.save(neuron(), a)
    assert os.stat(a).st_ino == ino and os.stat(a).st_nlink == 2
    assert fileio.load(b).output == "o"  # the other name sees the new text
    only(tmp_path, "a.mgraph", "b.mgraph")


def test_a_failed_in_place_save_keeps_the_old_text(tmp_path, monkeypatch):
    a, b = tmp_path / "a.mgraph", tmp_path / "b.mgraph"
    fileio.save(blog(), a)
    os.link(a, b)
    old = a.read_bytes()
    real_write = os.write
    calls = []

    def failing(fd, data):
        calls.append(len(data))
        if len(calls) == 2:  # the copy of the old text went fine; the new text fails
            real_write(fd, bytes(data)[:10])
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", failing)
    with pytest.raises(OSError) as e:
        fileio.save(neuron(), a)
    monkeypatch.undo()
    assert str(a) in str(e.value)
    assert a.read_bytes() == old and b.read_bytes() == old
    only(tmp_path, "a.mgraph", "b.mgraph")


def test_mode_is_kept(tmp_path):
    p = tmp_path / "g.mgraph"
    fileio.save(blog(), p)
    os.chmod(p, 0o640)
    fileio.save(neuron(), p)
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_owner_is_kept(tmp_path):
    p = tmp_path / "g.mgraph"
    fileio.save(blog(), p)
    os.chown(p, 12345, 23456)
    fileio.save(neuron(), p)
    st = os.stat(p)
    assert (st.st_uid, st.st_gid) == (12345, 23456) and fileio.load(p).output == "o"


def test_a_file_of_another_owner_is_rewritten_in_place(tmp_path, monkeypatch):
    """Someone else's file that we may write (a shared folder): a new file
    could not get their owner, so the file itself is rewritten."""
    p = tmp_path / "g.mgraph"
    fileio.save(blog(), p)
    st = os.stat(p)
    monkeypatch.setattr(safewrite.os, "geteuid", lambda: st.st_uid + 4242)  # not root, not the owner
    fileio.save(neuron(), p)
    monkeypatch.undo()
    after = os.stat(p)
    assert after.st_ino == st.st_ino and (after.st_uid, after.st_gid) == (st.st_uid, st.st_gid)
    assert fileio.load(p).output == "o"
    only(tmp_path, "g.mgraph")


@pytest.mark.parametrize("mask, mode", [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_file_respects_the_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        fileio.save(blog(), tmp_path / "g.mgraph")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "g.mgraph").st_mode) == mode


def test_a_read_only_file_is_written_only_when_allowed(tmp_path):
    p = tmp_path / "g.mgraph"
    fileio.save(blog(), p)
    os.chmod(p, 0o444)
    old = p.read_bytes()
    assert safewrite.is_read_only(p)
    with pytest.raises(safewrite.ReadOnlyFileError):
        fileio.save(neuron(), p)
    assert p.read_bytes() == old
    fileio.save(neuron(), p, allow_read_only=True)
    assert fileio.load(p).output == "o" and stat.S_IMODE(os.stat(p).st_mode) == 0o444
    only(tmp_path, "g.mgraph")


def test_a_read_only_hard_linked_file_is_written_in_place_when_allowed(tmp_path):
    a, b = tmp_path / "a.mgraph", tmp_path / "b.mgraph"
    fileio.save(blog(), a)
    os.link(a, b)
    os.chmod(a, 0o444)
    fileio.save(neuron(), a, allow_read_only=True)
    assert fileio.load(b).output == "o" and stat.S_IMODE(os.stat(a).st_mode) == 0o444


def test_backup_keeps_the_previous_version(tmp_path):
    p = tmp_path / "g.mgraph"
    fileio.save(blog(), p)
    first = p.read_bytes()
    fileio.save(neuron(), p, backup=True)
    assert (tmp_path / "g.mgraph.bak").read_bytes() == first
    fileio.save(blog(), p)  # without the preference: the .bak is left as it was
    assert (tmp_path / "g.mgraph.bak").read_bytes() == first


def test_a_folder_or_fifo_is_never_written_over(tmp_path):
    fifo = tmp_path / "pipe.mgraph"
    os.mkfifo(fifo)
    with pytest.raises(OSError) as e:
        fileio.save(blog(), fifo)
    assert "regular file" in str(e.value) and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_temp_files_of_dead_processes_are_cleaned_up(tmp_path):
    p = tmp_path / "g.mgraph"
    dead = tmp_path / f".g.mgraph.{dead_pid()}.abcd1234.tmp"
    alive = tmp_path / f".g.mgraph.{os.getppid()}.abcd1234.tmp"  # a live process: not ours to remove
    legacy_old, legacy_new = tmp_path / ".g.mgraph.x7rk2m_q.tmp", tmp_path / ".g.mgraph.y8rk2m_q.tmp"
    other = tmp_path / f".h.mgraph.{dead_pid()}.abcd1234.tmp"  # another file's
    for f in (dead, alive, legacy_old, legacy_new, other):
        f.write_bytes(b"x" * 100)
    os.utime(legacy_old, (time.time() - 7200, time.time() - 7200))
    fileio.save(blog(), p)
    only(tmp_path, "g.mgraph", alive.name, legacy_new.name, other.name)


# ------------------------------------------------------------ reading with limits
def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.mgraph"
    os.mkfifo(fifo)
    result: list = []
    t = threading.Thread(target=lambda: result.append(_refusal(fifo)), daemon=True)
    t.start()
    t.join(1.0)
    assert not t.is_alive(), "reading a FIFO blocked"
    assert "named pipe" in result[0] and str(fifo) in result[0]


def _refusal(path) -> str:
    try:
        fileio.load(path)
    except FileFormatError as e:
        return str(e)
    return "loaded"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_at_once(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    t0 = time.monotonic()
    msg = _refusal(device)
    assert time.monotonic() - t0 < 1.0
    assert "a device" in msg and "not a regular file" in msg


def test_a_file_over_the_limit_is_refused_with_how_to_raise_it(tmp_path, monkeypatch):
    p = tmp_path / "big.mgraph"
    fileio.save(blog(), p)
    monkeypatch.setenv(reading.LIMIT_ENV, "0.001")  # about 1 KB
    msg = _refusal(p)
    assert str(p) in msg and "more than the 1.0 KB" in msg and reading.LIMIT_ENV in msg
    monkeypatch.setenv(reading.LIMIT_ENV, "1")
    assert fileio.load(p).output == "L"


def test_a_sparse_huge_file_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.mgraph"
    with open(p, "wb") as f:
        f.truncate(3 * 1024**3)  # 3 GB, sparse: costs no disk
    t0 = time.monotonic()
    msg = _refusal(p)
    assert time.monotonic() - t0 < 1.0 and "3.0 GB" in msg and reading.LIMIT_ENV in msg


def test_a_file_growing_past_the_limit_is_cut_off(tmp_path):
    p = tmp_path / "g.mgraph"
    p.write_bytes(b" " * 5000)
    with pytest.raises(FileFormatError) as e:
        reading.read_limited(p, limit=4000)
    assert "more than" in str(e.value)


# ------------------------------------------------------------ stamps
def test_a_stamp_tells_changed_content_from_a_touch(tmp_path):
    p = tmp_path / "g.mgraph"
    stamp = fileio.save(blog(), p)
    assert stamp.state() == "same"
    os.utime(p, (time.time() + 10, time.time() + 10))  # touched, not changed
    assert stamp.state() == "same"
    text = p.read_text().replace('"value": 2.0', '"value": 7.0', 1)
    p.write_text(text)
    assert stamp.state() == "changed"
    model, stamp2 = fileio.load_file(p)
    assert stamp2.state() == "same" and model.node("a")["value"] == 7.0
    p.unlink()
    assert stamp2.state() == "missing"


def test_a_stamp_follows_a_symlink(tmp_path):
    target = tmp_path / "t.mgraph"
    fileio.save(blog(), target)
    link = tmp_path / "l.mgraph"
    link.symlink_to(target)
    _, stamp = fileio.load_file(link)
    assert stamp.path == str(target)
    fileio.save(neuron(), target)
    assert stamp.state() == "changed"


# ------------------------------------------------------------ lone surrogates
def test_a_lone_surrogate_is_refused_on_load_naming_the_node(tmp_path):
    doc = json.loads((EXAMPLES / "blog_L.mgraph").read_text())
    doc["nodes"][0]["label"] = "\ud800x"
    p = tmp_path / "s.mgraph"
    p.write_text(json.dumps(doc))  # ensure_ascii: the file holds the escape \ud800
    msg = _refusal(p)
    nid = doc["nodes"][0]["id"]
    assert "lone surrogate" in msg and f"node {nid!r}" in msg and "'label'" in msg


def test_a_surrogate_pair_is_a_character_and_loads(tmp_path):
    doc = json.loads((EXAMPLES / "blog_L.mgraph").read_text())
    doc["nodes"][0]["label"] = "\U0001f600"
    p = tmp_path / "s.mgraph"
    p.write_text(json.dumps(doc))  # written as \ud83d\ude00
    m = fileio.load(p)
    fileio.save(m, p)
    assert fileio.load(p).node(doc["nodes"][0]["id"])["label"] == "\U0001f600"


# ------------------------------------------------------------ lock files
def test_a_lock_file_says_who_holds_the_document(tmp_path):
    p = tmp_path / "g.mgraph"
    fileio.save(blog(), p)
    mine = lock.DocumentLock(p)
    assert mine.acquire() is None and mine.held
    lp = tmp_path / ".~lock.g.mgraph#"
    info = json.loads(lp.read_text())
    assert info["pid"] == os.getpid() and info["app"] == "micrograd-studio"
    assert info["user"] and info["host"] and abs(info["since"] - time.time()) < 60
    other = lock.DocumentLock(p)  # another window of this process
    owner = other.acquire()
    assert owner is not None and owner.pid == os.getpid() and "this computer" in owner.describe()
    mine.release()
    assert not lp.exists()
    assert other.acquire() is None
    other.release()


def test_a_lock_of_another_live_process_is_respected(tmp_path):
    p = tmp_path / "g.mgraph"
    fileio.save(blog(), p)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        info = {
            "app": "micrograd-studio",
            "user": "ann",
            "host": lock.host_name(),
            "pid": child.pid,
            "since": time.time(),
        }
        lp = lock.lock_path(p)
        lp.write_text(json.dumps(info))
        owner = lock.DocumentLock(p).acquire()
        assert owner is not None and owner.user == "ann" and owner.pid == child.pid
        forced = lock.DocumentLock(p)
        assert forced.acquire(force=True) is None
        assert json.loads(lp.read_text())["pid"] == os.getpid()
        forced.release()
    finally:
        child.kill()
        child.wait()


@pytest.mark.parametrize("content", ["dead", "", "garbage{"])
def test_a_stale_lock_is_taken_over(tmp_path, content):
    p = tmp_path / "g.mgraph"
    fileio.save(blog(), p)
    lp = lock.lock_path(p)
    if content == "dead":
        content = json.dumps({"user": "bob", "host": lock.host_name(), "pid": dead_pid(), "since": 1.0})
    lp.write_text(content)
    mine = lock.DocumentLock(p)
    assert mine.acquire() is None and mine.held
    assert json.loads(lp.read_text())["pid"] == os.getpid()
    mine.release()


def test_the_lock_of_a_symlinked_document_is_beside_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "g.mgraph"
    fileio.save(blog(), target)
    link = tmp_path / "l.mgraph"
    link.symlink_to(target)
    assert lock.lock_path(link) == tmp_path / "real" / ".~lock.g.mgraph#"


def test_a_folder_that_cannot_hold_a_lock_is_no_error(tmp_path):
    p = tmp_path / "no-such-folder" / "g.mgraph"
    mine = lock.DocumentLock(p)
    assert mine.acquire() is None and not mine.held
    mine.release()


# ------------------------------------------------------------ fuzzing (slow)
@pytest.mark.slow
def test_fuzzed_files_are_loaded_or_refused_never_crash(tmp_path):
    """Random byte flips, cuts and splices of the examples: each either
    loads (and then saves and loads again) or is a FileFormatError."""
    import random

    from core.graph.errors import GraphError

    rnd = random.Random(15)
    seeds = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.mgraph"))]
    p = tmp_path / "f.mgraph"
    tokens = [b"\\ud800", b"NaN", b"1e999", b"[", b"}", b'"', b"\x1b", b"\xff", b"-0", b"null", b"{}"]
    for i in range(600):
        data = bytearray(rnd.choice(seeds))
        for _ in range(rnd.randint(1, 4)):
            at = rnd.randrange(len(data))
            kind = rnd.random()
            if kind < 0.4:
                data[at] = rnd.randrange(256)
            elif kind < 0.6:
                del data[at : at + rnd.randint(1, 40)]
            else:
                data[at:at] = rnd.choice(tokens)
        p.write_bytes(bytes(data))
        try:
            m = fileio.load(p)
        except GraphError:
            continue
        fileio.save(m, tmp_path / "again.mgraph")
        assert fileio.dumps(fileio.load(tmp_path / "again.mgraph")) == fileio.dumps(m), i
