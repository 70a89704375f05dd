"""Read a document (PDF, Word) in a worker process, under a bound on time and on memory.

pypdf and python-docx parse structures the file's author controls. Each reader checks its
own limits (sizes, parts, pages, paragraphs) before parsing, which stops the known bombs;
the worker stops the rest: no one file holds ingest, the preview or the hourly workflow
longer than READ_SECONDS, or takes more than READ_MEMORY.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from pathlib import Path

from .story import SourceError, Story

READ_SECONDS = 60.0  # 300 full pages of PDF text read in 13 s on 2 busy cores
READ_MEMORY = 2 * 2**30  # more address space; a story's document needs a few hundred MB at most
_FIX = "save the story alone as a new file and ingest that"

Reader = Callable[[bytes, str], Story]


def read_bounded(reader: Reader, raw: bytes, name: str, seconds: float = READ_SECONDS) -> Story:
    """Return reader(raw, name), run in a worker process that is killed after seconds."""
    context = _context()
    receiving, sending = context.Pipe(duplex=False)
    worker = context.Process(target=_read, args=(reader, raw, name, sending), daemon=True)
    worker.start()
    sending.close()  # ours is closed so that a worker that dies gives EOFError, not a wait
    try:
        if not receiving.poll(seconds):
            raise SourceError(f"not read within {seconds:g} s: too long or too complex for one story; {_FIX}")
        story, error = receiving.recv()
    except EOFError:
        raise SourceError(f"the reader stopped on this file (exit code {worker.exitcode}): {_FIX}") from None
    finally:
        worker.kill()
        worker.join()
        receiving.close()
    if error:
        raise SourceError(error)
    story.raw = raw
    return story


def _context() -> BaseContext:
    """Return the start method for workers: fork where there is one, else spawn."""
    # Fork: the worker starts in milliseconds with the readers loaded. A fork server or
    # spawn would import them again for each file (0.5 s), and re-run the main script. A
    # lock another thread held at the fork could hang the worker: the time bound ends it.
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def _read(reader: Reader, raw: bytes, name: str, sending: Connection) -> None:
    """Bound this worker's memory, read raw, and send back (story, '') or (None, the error's line)."""
    # Ctrl-C reaches the whole process group: the parent stops, and ends this worker itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory()
    try:
        story = reader(raw, name)
    except SourceError as exc:
        sending.send((None, str(exc)))
    except MemoryError:
        sending.send((None, f"needs over {READ_MEMORY // 2**30} GiB of memory to read: {_FIX}"))
    except Exception as exc:  # noqa: BLE001 - a reader's bug or a parser's surprise: one line, no hang
        sending.send((None, f"could not be read ({type(exc).__name__}: {str(exc)[:200]})"))
    else:
        story.raw = b""  # the parent has the bytes: do not send them back
        sending.send((story, ""))
    sending.close()


def _limit_memory() -> None:
    """Let this process take at most READ_MEMORY more address space, where the system says how much it has."""
    try:
        import resource  # not on Windows
        pages = int(Path("/proc/self/statm").read_text().split()[0])  # Linux; macOS does not enforce the limit
    except (ImportError, OSError):
        return
    # A forked worker shares the parent's address space (the language models): count from there.
    limit = pages * resource.getpagesize() + READ_MEMORY
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(hard, limit), hard))
