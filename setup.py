"""Build script: compiles the quote stage with mypyc when it can (the project's metadata is in pyproject.toml).

The modules of ``plugins/docpipe_builtins/quotes/`` (the stage's rules; ``__init__.py`` stays Python)
are compiled to C extension modules with mypyc, mypy's compiler, the way ``black`` ships compiled wheels:
the same code runs about twice as fast (docs/quotes.md, "Speed: the compiled build"). The ``.py`` files are
installed too, and the build falls back to them -- pure Python, same results -- with a one-line message
(``pip install -v`` shows it) when

* ``DOCPIPE_PURE_PYTHON=1`` is set (the opt-out);
* the install is editable (``pip install -e .``): the ``.py`` files a developer edits must be what runs, so
  nothing is compiled and no extension module is written into the source tree;
* mypyc is missing or fails (type errors), or there is no working C compiler.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

#: The opt-out: set to 1 (or true/yes) for a pure-Python build.
PURE_PYTHON_ENV = "DOCPIPE_PURE_PYTHON"
PACKAGE_DIR = Path("plugins") / "docpipe_builtins" / "quotes"
COMPILED_MODULES = [
    "tokens", "marks", "lexicon", "speakers", "words", "subjects", "cues", "contents", "indirect", "questions", "stage",
]


def _say(message: str) -> None:
    print(f"docpipe build: {message}", file=sys.stderr, flush=True)


def _pure_python_requested() -> bool:
    return os.environ.get(PURE_PYTHON_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _compiled_artefacts(root: Path) -> list[Path]:
    """Extension modules built from the plugins under ``root`` (a build directory): the compiled modules and
    the runtime library they share, a top-level ``<hash>__mypyc`` module (docpipe has no other extensions)."""
    found = [p for p in (root / "docpipe_builtins").rglob("*") if p.suffix in (".so", ".pyd")]
    return found + list(root.glob("*__mypyc*"))


#: setup.py commands that only read or write metadata (pip runs them before the build).
_METADATA_COMMANDS = {"egg_info", "dist_info", "sdist", "check"}


class BuildPy(build_py):
    """Copies the Python files and drops extension modules left in the build directory by an earlier build
    (setuptools reuses ``build/lib``): a pure build must not pick up old compiled modules."""

    def run(self) -> None:
        super().run()
        for stale in _compiled_artefacts(Path(self.build_lib)):
            stale.unlink()
        if _pure_python_requested():  # (then there is no build_ext step to say so)
            _say(f"{PURE_PYTHON_ENV} is set: the quote stage is not compiled (pure Python)")


class BuildExt(build_ext):
    """Compiles the quote stage with mypyc, or builds nothing (pure Python) and says why."""

    def finalize_options(self) -> None:
        self._fallback: str | None = None
        if set(self.distribution.commands) <= _METADATA_COMMANDS:
            # pip's metadata steps finalize this command too (for the list of source files): nothing is
            # built there, so mypyc does not run
            self.distribution.ext_modules = []
            super().finalize_options()
            return
        if getattr(self, "editable_mode", False):
            self._fallback = "editable install: the quote stage is not compiled (its .py files run)"
        elif _pure_python_requested():
            self._fallback = f"{PURE_PYTHON_ENV} is set: the quote stage is not compiled (pure Python)"
        extensions: list[Extension] = []
        if self._fallback is None:
            try:
                from mypyc.build import mypycify

                extensions = mypycify([str(PACKAGE_DIR / f"{m}.py") for m in COMPILED_MODULES])
            except (Exception, SystemExit) as exc:  # noqa: BLE001 (mypyc reports type errors with SystemExit)
                self._fallback = (f"mypyc could not compile the quote stage ({type(exc).__name__}: {exc}); "
                                  "building pure Python")
        self.distribution.ext_modules = extensions
        super().finalize_options()

    def run(self) -> None:
        if self._fallback is not None:
            _say(self._fallback)
            return
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 (no C compiler, a compiler error: fall back, never fail)
            for built in _compiled_artefacts(Path(self.build_lib)):
                built.unlink()
            self.extensions = []
            _say(f"compiling the quote stage failed ({type(exc).__name__}: {exc}); building pure Python")
            return
        _say(f"quote stage compiled with mypyc ({len(COMPILED_MODULES)} modules)")


# A placeholder, replaced by BuildExt with mypyc's extensions (or none): it makes setuptools run build_ext
# and tag the wheel for this platform, while mypyc runs only in the build step itself (not in pip's metadata
# steps). No placeholder for an explicit pure build: that wheel is py3-none-any.
_PLACEHOLDER = [] if _pure_python_requested() else [Extension("docpipe_builtins.quotes._compiled", sources=[])]

setup(ext_modules=_PLACEHOLDER, cmdclass={"build_py": BuildPy, "build_ext": BuildExt})
