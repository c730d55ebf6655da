"""Running the parsing of an untrusted file in a child process with a memory cap and a time limit.

A crafted file can make a reading library abort the process (a Rust panic, an allocation of hundreds of
GB), exhaust memory (zip bombs) or run for minutes. Only a separate process contains that: whatever the
child does (abort, MemoryError, a signal, running out of time), `run` raises `Unreadable`, a refusal that
says "this file could not be read safely" and why, and the calling process (the dashboard, the CLI) stays
up with nothing written. Children are forked from a forkserver that has the reading modules imported, so a
child starts in milliseconds and shares no threads, locks or database handles with the caller.
"""

from __future__ import annotations

import gc
import io
import logging
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import context, forkserver, popen_forkserver, reduction, spawn, util
from typing import Any, TypeVar

from analytics.intake.reading import Refused

log = logging.getLogger(__name__)
Result = TypeVar("Result")
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["analytics.intake.prepare"])


class _Popen(popen_forkserver.Popen):
    """The forkserver's Popen, minus re-running the caller's main script in the child.

    Streamlit runs each page as a module named __main__ with the script's path, which multiprocessing
    would execute again in every child (the whole dashboard, in the reading process). The child needs
    only sys.path and the working directory: the function it runs is imported by name.
    """

    def _launch(self, process_obj: Any) -> None:  # as popen_forkserver.Popen._launch of Python 3.11
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        _parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Process(context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj: Any) -> _Popen:
        return _Popen(process_obj)


@dataclass(frozen=True)
class Limits:
    memory_mb: int
    seconds: float


class Unreadable(Refused):
    """The child reading the file failed; carries a reference that is also in the log."""

    def __init__(self, reason_zh: str, reason_en: str, reference: str) -> None:
        super().__init__(
            f"无法安全读取该文件：{reason_zh}。文件没有导入；请检查文件（可在 Excel/WPS 中打开后另存为 .xlsx 再上传）"
            f"（参考编号 {reference}）",
            f"this file could not be read safely: {reason_en}. Nothing was imported; check the file (open it "
            f"in Excel/WPS and save it as .xlsx again) (reference {reference})",
        )
        self.reference = reference


def run(function: Callable[..., Result], args: tuple, limits: Limits, label: str) -> Result:
    """`function(*args)` in a child process; its result, its Refused re-raised, or Unreadable."""
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    with tempfile.TemporaryFile() as output:  # the child's stdout / stderr: for the log, never the user
        child = _Process(
            target=_child,
            args=(sender, reduction.DupFd(output.fileno()), function, args, limits),
            daemon=True,
        )
        child.start()
        sender.close()
        payload: bytes | None = None
        timed_out = False
        try:
            if receiver.poll(limits.seconds):
                payload = receiver.recv_bytes()
            else:
                timed_out = True
        except (EOFError, OSError):
            payload = None  # the child died before it answered
        finally:
            receiver.close()
            if timed_out or payload is None:
                child.kill()
            child.join(10)
        if payload is None:
            raise _failure(label, limits, timed_out, child.exitcode, _said(output))
    outcome = pickle.loads(payload)
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "refused":
        raise outcome[1]
    return _raise(label, limits, kind, outcome[1])


def _said(output: Any) -> str:
    """The start and the end of what the child wrote (a library's last words)."""
    size = os.fstat(output.fileno()).st_size
    output.seek(0)
    head = output.read(2048)
    output.seek(max(len(head), size - 2048))
    return (
        (head + b"\n...\n" + output.read()).decode(errors="replace")
        if size > 2048
        else head.decode(errors="replace")
    )


def _failure(label: str, limits: Limits, timed_out: bool, exitcode: int | None, said: str) -> Unreadable:
    if (
        "memory allocation of" in said or "MemoryError" in said
    ):  # a library that aborts on a failed allocation
        return _unreadable(
            label,
            f"读取它需要超过 {limits.memory_mb:,} MB 内存",
            f"reading it needs more than {limits.memory_mb:,} MB of memory",
            f"exit {exitcode}: {said}",
        )
    if timed_out:
        return _unreadable(
            label,
            f"读取超过 {limits.seconds:g} 秒仍未完成",
            f"reading took longer than {limits.seconds:g} s",
            "timeout",
        )
    if exitcode is not None and exitcode < 0:
        name = _signal_name(-exitcode)
        if -exitcode in (signal.SIGXCPU, signal.SIGKILL):
            return _unreadable(
                label,
                f"读取耗时或占用内存超出限制（{name}）",
                f"reading exceeded its time or memory limit ({name})",
                f"signal {name}",
            )
        return _unreadable(
            label,
            f"读取程序异常终止（{name}），文件可能已损坏或被特意构造",
            f"the reader stopped abnormally ({name}); the file may be damaged or crafted",
            f"signal {name}: {said}",
        )
    return _unreadable(
        label,
        f"读取程序意外退出（退出码 {exitcode}），可能是内存不足（上限 {limits.memory_mb:,} MB）",
        f"the reader exited unexpectedly (exit code {exitcode}), perhaps out of memory "
        f"(limit {limits.memory_mb:,} MB)",
        f"exit {exitcode}: {said}",
    )


def _raise(label: str, limits: Limits, kind: str, detail: str) -> Any:
    if kind == "memory":
        raise _unreadable(
            label,
            f"读取它需要超过 {limits.memory_mb:,} MB 内存",
            f"reading it needs more than {limits.memory_mb:,} MB of memory",
            detail,
        )
    raise _unreadable(label, f"读取时出错（{detail}）", f"reading failed ({detail})", detail)


def unexpected(error: BaseException, label: str) -> Refused:
    """A refusal for an error nobody foresaw (logged with its traceback under a reference)."""
    reference = uuid.uuid4().hex[:8]
    log.error("unexpected error with %r (reference %s)", label, reference, exc_info=error)
    return Refused(
        f"处理该文件时出现意外错误，没有写入任何数据；请联系管理员（参考编号 {reference}）",
        f"an unexpected error occurred with this file and nothing was written; tell the administrator "
        f"(reference {reference})",
    )


def _unreadable(label: str, zh: str, en: str, detail: str) -> Unreadable:
    reference = uuid.uuid4().hex[:8]
    log.warning("unreadable file %r (reference %s): %s", label, reference, detail)
    return Unreadable(zh, en, reference)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _child(sender: Any, output: Any, function: Callable[..., Any], args: tuple, limits: Limits) -> None:
    """In the child: output to the parent's file, cap memory, CPU time and core dumps, run, send back
    (kind, value)."""
    fd = output.detach()
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    memory = limits.memory_mb * 1_048_576
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(limits.seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    gc.set_threshold(50_000, 20, 100)  # fewer collection passes over the million cells of a big sheet
    try:
        outcome: tuple[str, Any] = ("ok", function(*args))
    except Refused as refusal:
        outcome = ("refused", refusal)
    except MemoryError:
        outcome = ("memory", "MemoryError")
    except BaseException as error:  # a library panic (PanicException) is a BaseException
        outcome = ("error", f"{type(error).__name__}: {str(error)[:300]}")
    try:
        payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps(("memory", "MemoryError while sending the result"))
    sender.send_bytes(payload)
    sender.close()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # at once: tearing down the heap of a big sheet would keep the parent waiting in join
