"""Collect and run the code samples of the Markdown pages in ``docs/``.

Every fenced block is run, in page order, in one fresh temporary folder per page:

* ```` ```python ```` blocks are executed in one namespace per page (like a doctest session),
  so a later block may use what an earlier one defined;
* ```` ```console ```` blocks: each line starting with ``$ `` is a shell command (a trailing
  ``\\`` continues it on the next line); the other lines are sample output and are not compared.
  Each command must exit 0, or the code given by ``<!-- exit: N -->`` before the block;
* ```` ```toml ````, ```` ```text ```` ... blocks are only run when ``<!-- file: NAME -->`` precedes
  them: their content is then written to ``NAME`` for later blocks to use.

An HTML comment on the line(s) just before a block changes that:
``<!-- no-test -->`` skips the block (used sparingly: installs into the environment, servers);
``<!-- requires-stage: NAME -->`` skips it when the stage NAME is not registered;
``<!-- requires-module: NAME -->`` skips it when the module NAME (an optional extra) is not installed;
``<!-- file: NAME -->`` writes it to NAME (and, for python, does not execute it).

Run a page by hand: ``python tests/docs/doc_samples.py docs/quickstart.md``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
#: Folders put on PYTHONPATH for the samples: the project (when not installed) and the example
#: plugin packages, so pages can import them as if they were ``pip install -e``'d.
SAMPLE_PATHS = [REPO / "core", REPO / "plugins", REPO / "examples" / "embedding",
                *sorted((REPO / "examples" / "plugins").glob("*/src"))]

HINT = (
    "\nIf this sample needs an optional extra, put <!-- requires-module: MODULE --> on the line before its "
    "fence; if it cannot run in a test at all (it starts a cluster or a server, or waits for input), put "
    "<!-- no-test --> there. See tests/docs/doc_samples.py.\n"
)

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>```+|~~~+)(?P<info>[^\n`]*)$")
_DIRECTIVE = re.compile(r"<!--\s*(no-test|requires-stage|requires-module|file|exit)\s*(?::\s*(.*?))?\s*-->")


@dataclass
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    lang: str
    code: str
    directives: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        page = self.page.relative_to(REPO) if self.page.is_relative_to(REPO) else self.page
        return f"{page}:{self.line}"


def collect(page: Path) -> list[Block]:
    """The fenced blocks of ``page`` with the directives written just before each."""
    lines = page.read_text(encoding="utf-8").split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, lang, start = m.group("fence"), m.group("info").strip().split(" ")[0], i
        body = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append(lines[i][len(m.group("indent")):])
            i += 1
        i += 1
        directives: dict[str, str] = {}
        j = start - 1
        while j >= 0 and lines[j].strip() and _DIRECTIVE.search(lines[j]):
            for d in _DIRECTIVE.finditer(lines[j]):
                directives[d.group(1)] = d.group(2) or ""
            j -= 1
        blocks.append(Block(page, start + 1, lang, "\n".join(body) + "\n", directives))
    return blocks


def console_commands(code: str) -> list[str]:
    """The ``$ `` commands of a console block, with ``\\`` continuations joined."""
    commands: list[str] = []
    current: str | None = None
    for line in code.splitlines():
        if current is not None:
            current += "\n" + line
        elif line.startswith("$ "):
            current = line[2:]
        else:
            continue
        if current.endswith("\\"):
            continue
        commands.append(current)
        current = None
    if current is not None:
        commands.append(current)
    return commands


def sample_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCPIPE_")}
    paths = [str(p) for p in SAMPLE_PATHS]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def registered_stages() -> set[str]:
    from docpipe import Engine

    return set(Engine(autoload=False).registry.stages.names())


def run_page(page: Path, workdir: Path) -> list[str]:
    """Run every sample of ``page`` in ``workdir``; return one message per failure (empty: all good).

    Call it in a process of its own (python blocks change the working directory and sys.path).
    """
    os.chdir(workdir)
    for p in reversed(SAMPLE_PATHS):
        sys.path.insert(0, str(p))
    namespace: dict[str, object] = {"__name__": "__docs__"}
    failures: list[str] = []
    stages: set[str] | None = None
    env = sample_env()
    for block in collect(page):
        d = block.directives
        if "no-test" in d:
            continue
        if "requires-stage" in d:
            stages = registered_stages() if stages is None else stages
            if d["requires-stage"] not in stages:
                print(f"skipped {block.where}: stage {d['requires-stage']!r} is not registered")
                continue
        if "requires-module" in d and importlib.util.find_spec(d["requires-module"]) is None:
            print(f"skipped {block.where}: module {d['requires-module']!r} is not installed")
            continue
        if "file" in d:
            target = workdir / d["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.code, encoding="utf-8")
            continue
        if block.lang in ("python", "py"):
            try:
                exec(compile(block.code, block.where, "exec"), namespace)  # noqa: S102 - that is the point
            except BaseException as exc:  # noqa: BLE001 - report any failure, with its traceback
                hint = HINT if isinstance(exc, (ImportError, EOFError, KeyboardInterrupt)) else ""
                failures.append(f"{block.where}: python sample failed:\n{traceback.format_exc()}{hint}")
                break  # later blocks usually depend on this one
        elif block.lang in ("console", "shell-session"):
            expected = int(d.get("exit", "0") or 0)
            for command in console_commands(block.code):
                result = subprocess.run(["bash", "-c", command], cwd=workdir, env=env, capture_output=True,
                                        text=True, encoding="utf-8", timeout=600)
                if result.returncode != expected:
                    failures.append(
                        f"{block.where}: `{command}` exited {result.returncode}, expected {expected}\n"
                        f"stdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}")
                    break
    return failures


def main(argv: list[str]) -> int:
    page = Path(argv[0]).resolve()
    with tempfile.TemporaryDirectory(prefix="docpipe-docs-") as tmp:
        failures = run_page(page, Path(tmp))
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
