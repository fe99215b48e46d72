"""Render verdicts through Jinja templates, in the reader's language.

One template per output, one environment per language: Jinja's i18n
extension gives templates ``_()`` and ``ngettext()`` over the catalogue of
that language (``zhibiao.words``). The environment is an
ImmutableSandboxedEnvironment with StrictUndefined: a template can read the
verdicts it is given and nothing of Python's inside. Autoescape is on for
HTML templates only; text templates trim blocks.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import MethodType
from typing import Any

from jinja2 import FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from zhibiao.cachedir import cache_dir
from zhibiao.data.reading import CityData
from zhibiao.errors import Location, Problem, UsageError
from zhibiao.evaluation.evaluate import CategoryResult, CityResult, MeasureTrace, Verdict
from zhibiao.language.printer import Printer
from zhibiao.language.types import VType, format_value
from zhibiao.report.numbers import num
from zhibiao.resources import resource_dir
from zhibiao.ruleset.model import Category, Edition, Expression, Indicator, InputSpec, Measure, Note
from zhibiao.words import localize
from zhibiao.words.catalogue import translator
from zhibiao.words.terms import LEVELS, level
from zhibiao.words.visible import visible


class _End:
    """Where one of several texts rendered together ends (``end`` in a template)."""


END = _End()
# What ``end`` writes: a control character, which every value a template
# writes has escaped (``_shown``), so it can only come from ``end``.
_END_MARK = "\x1e"


def _shown(value: Any) -> Any:
    """Every value a template writes is shown with its control and invisible
    characters escaped: text from a data file cannot drive the terminal, nor
    reorder what a browser shows. (The escapes hold no HTML special
    character, so markup stays markup.)"""
    if value is END:
        return _END_MARK
    if isinstance(value, Markup):
        return Markup(visible(str(value)))
    if isinstance(value, str):
        return visible(value)
    return value


_GETTEXT = object()
_NGETTEXT = object()


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, quicker on the project's own verdict and rule objects.

    For an instance of one of these plain classes, the sandbox's checks on a
    public attribute always pass (they guard functions' internals and the
    mutating methods of lists, dicts and sets, which these are not), yet
    cost most of rendering a rationale; they are skipped for them alone.
    Names starting with ``_`` and every other object go through the sandbox.
    """

    # Set by ``environment``: the catalogue, Jinja's gettext callables, and
    # what ``call`` may call directly (by id of the object a template calls).
    words: Any
    gettext: Any
    gettext_alias: Any
    direct: dict[int, Any]

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) in _PLAIN and type(attribute) is str and attribute[:1] != "_":
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's own names
        """A call of a method of those plain classes, or of one of the
        functions ``environment`` gives templates, goes straight to it (they
        take no context and are safe to call); everything else through the
        sandbox. ``_()`` and ``ngettext()`` translate as Jinja's newstyle
        gettext does, without its two nested context calls per word."""
        direct = __self.direct.get(id(__obj))
        if direct is None and type(__obj) is MethodType and type(__obj.__self__) in _PLAIN:
            direct = __obj
        if direct is None:
            return super().call(__context, __obj, *args, **kwargs)
        kwargs.pop("_loop_vars", None)
        kwargs.pop("_block_vars", None)
        if direct is _GETTEXT:
            if __obj is __self.gettext_alias and __context.resolve("gettext") is not __self.gettext:
                return super().call(__context, __obj, *args, **kwargs)
            return __self.translated(__context, __self.words.gettext(*args), kwargs)
        if direct is _NGETTEXT:
            singular, plural, n = args
            kwargs.setdefault("num", n)
            return __self.translated(__context, __self.words.ngettext(singular, plural, n), kwargs)
        return direct(*args, **kwargs)

    @staticmethod
    def translated(context: Context, text: str, variables: dict[str, Any]) -> Any:
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables


class _TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept between runs: compiling them is most of a
    cold run's rendering. Jinja checks each entry against its template's
    source; an entry it cannot read, or a folder it cannot write, is only a
    template compiled again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except Exception:
            return


def _template_cache() -> _TemplateCache | None:
    folder = cache_dir("templates")
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder))


_PLAIN: frozenset[type] = frozenset({
    CityResult, CategoryResult, Verdict, MeasureTrace, CityData,
    Edition, Category, Indicator, InputSpec, Measure, Expression, Note, VType, Problem, Location, Printer,
})


@lru_cache(maxsize=8)
def environment(lang: str, template_root: str | None = None) -> _Sandbox:
    root = Path(template_root) if template_root else resource_dir("templates")
    env = _Sandbox(
        loader=FileSystemLoader(str(root)),
        # Templates do not change during a run: no stat of the file per render.
        auto_reload=False,
        bytecode_cache=_template_cache(),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "html.j2"), default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
        finalize=_shown,
    )
    words = translator(lang)
    env.install_gettext_callables(words.gettext, words.ngettext, newstyle=True, pgettext=words.pgettext)  # type: ignore[attr-defined]
    env.words = words
    env.gettext = env.globals["gettext"]
    env.gettext_alias = env.globals["_"]

    def fmt(value: Any, vtype: VType) -> str:
        return format_value(value, vtype, lang)

    levels = {n: level(n).text(lang) for n in LEVELS}

    def level_words(n: int) -> str:
        return levels[n]

    env.filters["fmt"] = fmt
    env.filters["num"] = num
    env.filters["t"] = lambda value: localize(value, lang)
    env.globals["lang"] = lang
    env.globals["p"] = Printer(lang)
    env.globals["level"] = level_words
    env.direct = {id(env.gettext): _GETTEXT, id(env.gettext_alias): _GETTEXT, id(env.globals["ngettext"]): _NGETTEXT,
                  id(level_words): level_words}
    return env


def render_template(name: str, lang: str, template_root: str | None = None, **context: Any) -> str:
    env = environment(lang, template_root)
    try:
        return env.get_template(name).render(**context)
    except SecurityError as e:
        raise UsageError(Problem("template_unsafe", {"name": name, "detail": str(e)}, Location(name))) from None
    except UndefinedError as e:
        raise UsageError(Problem("template_undefined", {"name": name, "detail": str(e)}, Location(name))) from None
    except TemplateError as e:
        raise UsageError(Problem("template_error", {"name": name, "detail": str(e)}, Location(name))) from None


def _pieces(name: str, lang: str, verdicts: list[Verdict]) -> list[str]:
    """The texts a template writes for each verdict, closing each with
    ``end``: one render for all of a city's verdicts, not one each."""
    pieces = render_template(name, lang, verdicts=verdicts, end=END).split(_END_MARK)
    if len(pieces) != len(verdicts) + 1:
        raise UsageError(Problem("template_error", {"name": name, "detail": "end"}, Location(name)))
    return [piece.strip() for piece in pieces[:-1]]


def rationales(verdicts: list[Verdict], lang: str) -> list[str]:
    """Why each verdict was given."""
    return _pieces("rationale.txt.j2", lang, verdicts)


def next_tier_texts(verdicts: list[Verdict], lang: str) -> list[str | None]:
    """What the next star of each verdict needs (None: a verdict without one)."""
    texts = _pieces("next_tier.txt.j2", lang, verdicts)
    return [text if v.next_level is not None and v.status == "rated" else None for v, text in zip(verdicts, texts)]


def rationale(verdict: Verdict, lang: str) -> str:
    return rationales([verdict], lang)[0]


def next_tier_text(verdict: Verdict, lang: str) -> str | None:
    return next_tier_texts([verdict], lang)[0]


def missing_text(verdict: Verdict, lang: str) -> str:
    return render_template("missing.txt.j2", lang, v=verdict, names=verdict.missing).strip()


def result_text(result: CityResult, lang: str, html: bool = False, warnings: bool = True) -> str:
    """The readable report; ``html`` selects the autoescaped HTML template,
    ``warnings`` whether the report lists the city's warnings itself."""
    name = "report.html.j2" if html else "report.txt.j2"
    return render_template(name, lang, r=result, rationale=rationale, next_tier=next_tier_text,
                           show_warnings=warnings).rstrip() + "\n"
