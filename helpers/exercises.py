"""Checked exercises, in the style of Kaggle Learn: ``ex.check(answer)``, ``ex.hint()``,
``ex.solution()``.

An exercise never raises, so "Run all" never stops on one: an answer left as ``...`` (or a
function whose body is still ``...``) gets a friendly "not solved yet"; a wrong answer is told
what is wrong, where, and what to try; a right one is confirmed. After each exercise the lesson
goes on with the reference implementation from ``helpers``.

A checker is a function of the answer that returns a sentence of praise, or raises
:class:`Wrong` or :class:`Unsolved` with a sentence that says why. The learner's code only ever
runs through :func:`call` and :func:`iterate`: each call is bounded in time (:data:`TIME_LIMIT`
seconds) and each iterator in length, and an error raised in the learner's code is reported as
*their* error, with the line of their cell. :func:`as_number`, :func:`as_numbers`,
:func:`expect_close` and :func:`expect_choice` build most of the rest.

Hints climb: ``Exercise(..., hint=("a nudge", "more", "almost the answer"), ...)``; ``ex.hint()``
prints the first, each further call the next, ``ex.hint(k)`` hint ``k``; ``ex.solution()`` is
the full answer. Introduced in notebook 01.

**How the time limit works.** While the learner's code runs (in the calling thread, so prints,
plots and Ctrl-C behave as usual), a watchdog thread waits; when time is up it raises
:class:`TimeUp` in the calling thread with CPython's ``PyThreadState_SetAsyncExc`` (through
``ctypes``; the same on Linux, macOS, Windows and Colab, no signals). The exception lands at
the next line of Python the learner's code runs; a single long call into C (``time.sleep``, one
giant numpy operation) finishes first. Where threads or ``ctypes.pythonapi`` are missing
(PyPy, Pyodide) a ``sys.settrace`` budget does the same, more slowly.
"""

from __future__ import annotations

import dis
import inspect
import linecache
import numbers
import sys
import sysconfig
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .i18n import N_, _

UNSOLVED, WRONG, CORRECT, STOPPED = "unsolved", "wrong", "correct", "stopped"
_MARK = {CORRECT: N_("✔ Correct!"), WRONG: N_("✘ Not quite."), UNSOLVED: N_("… Not solved yet."),
         STOPPED: N_("■ Check stopped.")}

TIME_LIMIT = 3.0
"""Seconds one call of the learner's code (or one pass over an iterator it returned) may take."""


class Wrong(Exception):
    """Raised by a checker: the answer is wrong; the message says how."""


class Unsolved(Exception):
    """Raised by a checker: there is no answer yet."""


class TimeUp(BaseException):
    """Raised inside the learner's code when its time is up. A ``BaseException``, so that an
    ``except Exception`` in the learner's loop does not swallow it."""


@dataclass(frozen=True)
class Verdict:
    status: str  # "correct", "wrong", "unsolved" or "stopped"
    message: str

    def __str__(self) -> str:
        return f"{_(_MARK[self.status])} {self.message}".rstrip()

    @property
    def correct(self) -> bool:
        return self.status == CORRECT


def _short(value: Any) -> str:
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=4, threshold=8)
    elif isinstance(value, float):
        text = f"{value:.6g}"
    else:
        try:
            text = repr(value)
        except Exception:  # a learner's object whose repr breaks
            text = f"<{type(value).__name__}>"
    return text if len(text) <= 80 else text[:77] + "..."


def blank(answer: Any) -> bool:
    """Whether ``answer`` is still the placeholder (``...`` or ``None``)."""
    return answer is Ellipsis or answer is None


# -- the time limit ---------------------------------------------------------------------------

def _async_exc_function() -> Any:
    """``PyThreadState_SetAsyncExc(thread_id, exception_class)``, or ``None`` where CPython's C
    API is not reachable. (Never called with NULL to "clear" a pending exception: on CPython 3.11
    that leaves the eval loop's pending-call flag set, which hangs a later ``sys.settrace``.)"""
    try:
        import ctypes

        return ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
            ("PyThreadState_SetAsyncExc", ctypes.pythonapi))
    except Exception:  # no ctypes, or not CPython
        return None


_ASYNC = _async_exc_function()


class _TimeLimit:
    """``with _TimeLimit(seconds) as limit:`` runs its body until done or until time is up; then
    :class:`TimeUp` is raised in the body and ``limit.fired`` is true. ``__exit__`` makes sure no
    late :class:`TimeUp` can land after the block."""

    REPEATS = 20  # raise again (every 0.25 s) if the learner's code swallows TimeUp

    def __init__(self, seconds: float | None, *, use_thread: bool = True) -> None:
        self.seconds = seconds
        self.fired = False
        self._tid = threading.get_ident()
        self._lock = threading.Lock()
        self._done = False
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._use_thread = use_thread and _ASYNC is not None
        self._old_trace: Any = None
        self._tracing = False

    def __enter__(self) -> "_TimeLimit":
        if self.seconds is None:
            return self
        if self._use_thread:
            try:
                self._thread = threading.Thread(target=self._watch, name="exercise-time-limit",
                                                daemon=True)
                self._thread.start()
                return self
            except RuntimeError:  # no threads on this platform
                self._thread = None
        deadline = time.monotonic() + self.seconds

        def tracer(frame: Any, event: str, arg: Any) -> Any:
            if event == "call":
                frame.f_trace_opcodes = True  # a one-line endless loop gives no "line" events
            if time.monotonic() > deadline:
                self.fired = True
                raise TimeUp
            return tracer

        self._old_trace = sys.gettrace()
        self._tracing = True
        sys.settrace(tracer)
        return self

    def _watch(self) -> None:
        if self._wake.wait(self.seconds):
            return
        for _repeat in range(self.REPEATS):
            with self._lock:
                if self._done:
                    return
                self.fired = True
                _ASYNC(self._tid, TimeUp)
            if self._wake.wait(0.25):
                return

    def __exit__(self, *exc: Any) -> bool:
        if self._tracing:
            sys.settrace(self._old_trace)
            self._tracing = False
        while True:
            try:
                with self._lock:
                    self._done = True  # from here on, the watchdog raises nothing more
                if self.fired:
                    for _spin in range(1000):  # a TimeUp raised but not delivered yet lands here
                        pass
                break
            except TimeUp:
                continue
        self._wake.set()
        return False


# -- the learner's errors ---------------------------------------------------------------------

_HELPERS_DIR = str(Path(__file__).resolve().parent)
_LIBRARY_DIRS = tuple({str(Path(p).resolve()) for key in ("stdlib", "platstdlib", "purelib", "platlib")
                       if (p := sysconfig.get_paths().get(key))})


def _is_learners(filename: str) -> bool:
    if filename.startswith("<ipython-input"):
        return True
    if filename.startswith("<"):
        return False  # <frozen ...>, <string>, <__array_function__ internals>
    try:
        path = str(Path(filename).resolve())
    except (OSError, ValueError):
        return True
    return not (path.startswith(_HELPERS_DIR) or any(path.startswith(d) for d in _LIBRARY_DIRS)
                or "site-packages" in path or "dist-packages" in path)


def _where(filename: str, lineno: int) -> str:
    name = Path(filename).name
    if "ipykernel_" in filename or filename.startswith("<ipython-input"):
        return _("line {lineno} of your cell").format(lineno=lineno)
    return _("line {lineno} of {name}").format(lineno=lineno, name=name)


def learner_line(exc: BaseException) -> str | None:
    """Where in the learner's own code ``exc`` was raised: ``"line 3 of your cell: return a / 0"``
    (the deepest frame of the traceback that is not in helpers, numpy or the standard library)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if _is_learners(code.co_filename):
            found = (code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    if found is None:
        return None
    text = linecache.getline(*found).strip()
    return f"{_where(*found)}: {text}" if text else _where(*found)


def _advice(exc: BaseException, fn: Any) -> str:
    """A beginner's next step for the commonest errors."""
    message = str(exc)
    try:
        source = inspect.getsource(fn) if fn is not None else ""
    except (OSError, TypeError):
        source = ""
    names = getattr(getattr(fn, "__code__", None), "co_names", ())
    if isinstance(exc, TypeError) and "NoneType" in message:
        if "shuffle(" in source or "shuffle" in names:
            return _("`rng.shuffle(a)` shuffles `a` in place and returns None: call it on its own "
                     "line and then use `a`, or use `order = rng.permutation(n)`.")
        return _("Something is None where a value was expected: a function without `return`, or "
                 "an in-place method such as `list.sort()`, gives None.")
    if isinstance(exc, NameError):
        return _("Check the spelling of that name, and use the function's own parameters inside "
                 "it; after a kernel restart, run the cells above (the imports) first.")
    if isinstance(exc, ValueError) and "broadcast" in message:
        return _("Two arrays of different shapes were combined: print their shapes to see which.")
    if isinstance(exc, (MemoryError, OverflowError)):
        return _("Your code made something far too large: check the sizes and the loop bounds.")
    return _("The error names the problem; fix that line and run the cell again.")


def learner_error(exc: BaseException, shown: str, fn: Any = None) -> Wrong:
    """A :class:`Wrong` that shows an error raised in the learner's code as theirs."""
    text = f"{type(exc).__name__}: {exc}".rstrip(": ")
    where = learner_line(exc)
    if where:
        return Wrong(_("Your code raised an error when the check ran {shown}:\n    {error}\n"
                       "    at {where}\n{advice}").format(shown=shown, error=text, where=where,
                                                          advice=_advice(exc, fn)))
    return Wrong(_("Your code raised an error when the check ran {shown}:\n    {error}\n"
                   "{advice}").format(shown=shown, error=text, advice=_advice(exc, fn)))


def _placeholder(fn: Any) -> bool:
    """Whether ``fn``'s body does nothing at all (``...``, ``pass`` or only a docstring)."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
    try:
        for ins in dis.get_instructions(code):
            if ins.opname in ("RESUME", "NOP", "POP_TOP", "RETURN_VALUE", "CACHE", "EXTENDED_ARG"):
                continue
            if ins.opname in ("LOAD_CONST", "RETURN_CONST") and ins.argval in (None, Ellipsis):
                continue
            return False
    except Exception:
        return False
    return True


def _time_up(shown: str, count: int | None = None, what: str = "") -> Wrong:
    """The verdict on code stopped at the time limit; ``count`` ``what`` (``3``, ``"batches"``,
    already translated) is how far an iteration got."""
    if count is None:
        if TIME_LIMIT == 1:
            head = _("{shown} was still running after {limit:g} second, so the check stopped it.")
        else:
            head = _("{shown} was still running after {limit:g} seconds, so the check stopped it.")
    elif TIME_LIMIT == 1:
        head = _("{shown} was still running after {limit:g} second, so the check stopped it after "
                 "{count} {what}.")
    else:
        head = _("{shown} was still running after {limit:g} seconds, so the check stopped it after "
                 "{count} {what}.")
    head = head.format(shown=shown, limit=TIME_LIMIT, count=count, what=what)
    return Wrong(head + " " + _("Does a loop never end? A `while` loop needs a condition that "
                                "becomes False (or use `for _ in range(...)`); print inside the "
                                "loop to see what happens."))


def call(fn: Any, *args: Any, shown: str | None = None) -> Any:
    """Call the learner's function ``fn(*args)`` within :data:`TIME_LIMIT` seconds, turning every
    way it can fail into a verdict. ``shown`` is how the call is written in messages, e.g.
    ``"mse([1, 2], [1, 4])"``."""
    if blank(fn):
        raise Unsolved(_("Define the function, then pass it to check()."))
    if not callable(fn):
        if isinstance(fn, str):
            raise Wrong(_("Pass the function itself, by its name and without calling it, e.g. "
                          "check(my_function) rather than check(my_function(...)); got text."))
        raise Wrong(_("Pass the function itself, by its name and without calling it, e.g. "
                      "check(my_function) rather than check(my_function(...)); got {value}.")
                    .format(value=_short(fn)))
    if not shown:
        name = getattr(fn, "__name__", None)
        shown = (_("your function") if name is None else name) + "(...)"
    limit = _TimeLimit(TIME_LIMIT)
    try:
        with limit:
            out = fn(*args)
    except TimeUp:
        raise _time_up(shown) from None
    except NotImplementedError:
        raise Unsolved(_("The function body is still a placeholder.")) from None
    except Exception as exc:  # the learner's code may raise anything
        if limit.fired:
            raise _time_up(shown) from None
        raise learner_error(exc, shown, fn) from None
    if limit.fired:
        raise _time_up(shown)
    if out is Ellipsis or (out is None and _placeholder(fn)):
        raise Unsolved(_("{shown} returned {value}: fill in its body and `return` the result.")
                       .format(shown=shown, value=repr(out)))
    if out is None:
        raise Wrong(_("{shown} returned None: your function computes something but never gives "
                      "it back. End it with `return ...` (check the indentation of the return).")
                    .format(shown=shown))
    return out


def iterate(obj: Any, *, shown: str, max_items: int, what: str = N_("items"),
            fn: Any = None) -> list[Any]:
    """All items of the learner's iterable ``obj``, within :data:`TIME_LIMIT` seconds and at most
    ``max_items`` of them; an error raised while iterating is shown as the learner's. ``what``
    names the items in messages (a plural noun such as ``N_("batches")``: it is translated here,
    when a message shows it)."""
    what = _(what)
    if isinstance(obj, (str, bytes)):
        raise Wrong(_("{shown} gave text, {value}, instead of the {what}.")
                    .format(shown=shown, value=_short(obj), what=what))
    items: list[Any] = []
    limit = _TimeLimit(TIME_LIMIT)
    try:
        with limit:
            for item in obj:
                items.append(item)
                if len(items) > max_items:
                    break
    except TimeUp:
        raise _time_up(shown, len(items), what) from None
    except TypeError as exc:
        if limit.fired:
            raise _time_up(shown) from None
        if not items and "iterable" in str(exc) and learner_line(exc) is None:
            raise Wrong(_("{shown} gave a {type}, not {what} one by one.")
                        .format(shown=shown, type=type(obj).__name__, what=what)) from None
        raise learner_error(exc, shown, fn) from None
    except Exception as exc:
        if limit.fired:
            raise _time_up(shown) from None
        raise learner_error(exc, shown, fn) from None
    if limit.fired:
        raise _time_up(shown)
    if len(items) > max_items:
        raise Wrong(_("{shown} kept going: it gave more than {count} {what} and had not "
                      "stopped. Does its loop ever end (a `while True:` needs a `break` or a "
                      "`return`)?").format(shown=shown, count=max_items, what=what))
    return items


# -- numbers ----------------------------------------------------------------------------------

def _kind(value: Any) -> str:
    """What ``value`` is, for a message: "text '14.5'", "a list of 2 items", ..."""
    if isinstance(value, (str, bytes)):
        return _("text, {value}").format(value=_short(value))
    if inspect.isgenerator(value):
        return _("a generator")
    if isinstance(value, np.ndarray):
        return _("an array of shape {shape}, {value}").format(shape=value.shape, value=_short(value))
    if isinstance(value, (list, tuple)):
        return _("a {type} of {count} item(s), {value}").format(
            type=type(value).__name__, count=len(value), value=_short(value))
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return _("the single number {value}").format(value=_short(value))
    return _("{value} (of type {type})").format(value=_short(value), type=type(value).__name__)


def _and(names: Sequence[str]) -> str:
    """``"w and b"``: names joined for a sentence."""
    joined = names[0]
    for name in names[1:]:
        joined = _("{left} and {right}").format(left=joined, right=name)
    return joined


def _or(names: Sequence[str]) -> str:
    """``"'A' or 'B'"``: choices joined for a sentence."""
    joined = names[0]
    for name in names[1:]:
        joined = _("{left} or {right}").format(left=joined, right=name)
    return joined


def as_number(value: Any, what: str, *, returned: bool = True) -> float:
    """``value`` as a float, or :class:`Wrong` saying what it is instead. ``what`` names it in
    messages: the call that ``returned`` it (``"mse(...)"``), or the answer (``_("Your answer")``,
    with ``returned=False``)."""
    if isinstance(value, (str, bytes)):
        if returned:
            message = _("{what} returned text, {value}, not a number: return the number itself, "
                        "not str(...) or an f-string.")
        else:
            message = _("{what} is text, {value}, not a number: write the number without quotes.")
        raise Wrong(message.format(what=what, value=_short(value)))
    if isinstance(value, (bool, np.bool_)):
        message = (_("{what} returned {value}, a truth value, not a number.") if returned
                   else _("{what} is {value}, a truth value, not a number."))
        raise Wrong(message.format(what=what, value=value))
    if inspect.isgenerator(value):
        message = (_("{what} returned a generator: use `return`, not `yield`.") if returned
                   else _("{what} is a generator: use `return`, not `yield`."))
        raise Wrong(message.format(what=what))
    if isinstance(value, numbers.Real) and not isinstance(value, np.ndarray):
        return float(value)
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        return float(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf" and value.size == 1:
        if returned:
            message = _("{what} returned an array holding one number, {value} (shape {shape}); "
                        "give the number itself, e.g. with float(...) or np.mean without keepdims.")
        else:
            message = _("{what} is an array holding one number, {value} (shape {shape}); give "
                        "the number itself, e.g. with float(...) or np.mean without keepdims.")
        raise Wrong(message.format(what=what, value=_short(value), shape=value.shape))
    if isinstance(value, (list, tuple, np.ndarray)):
        message = (_("{what} returned {kind}; it should be one number.") if returned
                   else _("{what} is {kind}; it should be one number."))
        raise Wrong(message.format(what=what, kind=_kind(value)))
    message = (_("{what} returned {kind}; it should be a number.") if returned
               else _("{what} is {kind}; it should be a number."))
    raise Wrong(message.format(what=what, kind=_kind(value)))


def as_numbers(value: Any, names: Sequence[str], what: str, *, returned: bool = True) -> np.ndarray:
    """``value`` as a float array of ``len(names)`` numbers (a tuple, list or array of them), or
    :class:`Wrong` naming the first entry that is not a number."""
    pair = "(" + ", ".join(names) + ")"
    if isinstance(value, (str, bytes)):
        if returned:
            message = _("{what} returned text, {value}, not numbers: return the numbers "
                        "themselves, not str(...) or an f-string, as {pair}.")
        else:
            message = _("{what} is text, {value}, not numbers: write the numbers without quotes, "
                        "as {pair}.")
        raise Wrong(message.format(what=what, value=_short(value), pair=pair))
    if inspect.isgenerator(value):
        message = (_("{what} returned a generator: use `return {names}`, not `yield`.") if returned
                   else _("{what} is a generator: use `return {names}`, not `yield`."))
        raise Wrong(message.format(what=what, names=", ".join(names)))
    if isinstance(value, np.ndarray):
        items = list(value.reshape(-1)) if value.size == len(names) else None
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        items = None
    if items is None or len(items) != len(names):
        message = (_("{what} should give {count} numbers, {pair}; it returned {kind}.") if returned
                   else _("{what} should give {count} numbers, {pair}; it is {kind}."))
        message = message.format(what=what, count=len(names), pair=pair, kind=_kind(value))
        if (returned and isinstance(value, (list, tuple, np.ndarray))
                and np.size(value) > len(names)):
            message += " " + _("Return only the final values, not every step.")
        raise Wrong(message)
    out = []
    for name, item in zip(names, items):
        who = (_("The {name} in what {what} returned") if returned else _("Your {name}")).format(
            name=name, what=what)
        if isinstance(item, (str, bytes)):
            if returned:
                message = _("{who} is text, {value}, not a number: return numbers, not str(...) "
                            "or f-strings.")
            else:
                message = _("{who} is text, {value}, not a number: write the number without "
                            "quotes.")
            raise Wrong(message.format(who=who, value=_short(item)))
        try:
            out.append(as_number(item, who, returned=False))
        except Wrong as exc:
            raise Wrong(_("{message} Give {pair} as {count} plain numbers.").format(
                message=exc, pair=pair, count=len(names))) from None
    arr = np.array(out)
    bad = [n for n, v in zip(names, arr) if not np.isfinite(v)]
    if bad:
        if returned:
            message = _("{what} returned {value}: {names} should be a finite number, not nan or "
                        "inf (a division by zero, or numbers that blew up?).")
        else:
            message = _("{what} is {value}: {names} should be a finite number, not nan or inf "
                        "(a division by zero, or numbers that blew up?).")
        raise Wrong(message.format(what=what, value=_short(arr), names=_and(bad)))
    return arr


def expect_close(got: Any, expected: Any, *, what: str, rtol: float = 1e-6,
                 atol: float = 1e-9) -> None:
    """Raise :class:`Wrong` unless ``got`` has ``expected``'s shape and values.

    ``what`` names the result in messages, e.g. ``"mse([1, 2], [1, 4])"``.
    """
    expected = np.asarray(expected, dtype=float)
    if isinstance(got, (str, bytes)):
        message = (_("{what} should be a number; got text, {value}.") if expected.ndim == 0
                   else _("{what} should be numbers; got text, {value}."))
        raise Wrong(message.format(what=what, value=_short(got)))
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        message = (_("{what} should be a number; got {value}.") if expected.ndim == 0
                   else _("{what} should be an array of shape {shape}; got {value}."))
        raise Wrong(message.format(what=what, shape=expected.shape, value=_short(got))) from None
    if arr.shape != expected.shape:
        message = (_("{what} should have a single number; got shape {got_shape}.")
                   if expected.ndim == 0 else
                   _("{what} should have shape {shape}; got shape {got_shape}."))
        raise Wrong(message.format(what=what, shape=expected.shape, got_shape=arr.shape))
    if not np.allclose(arr, expected, rtol=rtol, atol=atol, equal_nan=False):
        raise Wrong(_("{what} should be {expected}; got {got}.").format(
            what=what, expected=_short(expected if expected.ndim else float(expected)),
            got=_short(arr if arr.ndim else float(arr))))


def expect_choice(answer: Any, options: dict[Any, str], correct: Any) -> str:
    """Check a multiple-choice prediction; ``options`` maps each valid answer to the sentence
    that explains it (text answers match whatever their case and surrounding spaces). Returns
    the explanation of the right answer. The sentences are translated here, when shown: mark
    them with ``N_()``."""
    listed = ", ".join(map(repr, options))
    if blank(answer):
        raise Unsolved(_("Replace ... with one of {options}.").format(options=listed))
    text_options = all(isinstance(o, str) for o in options)
    key = None
    for option in options:
        if isinstance(option, str) and isinstance(answer, str):
            if option.strip().lower() == answer.strip().strip(".!'\"").lower():
                key = option
        elif (not isinstance(option, str) and isinstance(answer, numbers.Real)
              and not isinstance(answer, (bool, np.bool_))):
            if float(option) == float(answer):
                key = option
    if key is None:
        if isinstance(answer, (list, tuple, set, np.ndarray)):
            raise Wrong(_("Answer with one of {options} on its own, not inside a {type}; got "
                          "{value}.").format(options=listed, type=type(answer).__name__,
                                             value=_short(answer)))
        if not text_options and isinstance(answer, str):
            try:
                number = float(answer)
            except ValueError:
                number = None
            message = _("Your answer is text, {value}; the answer is a number, one of "
                        "{options}.").format(value=_short(answer), options=listed)
            if number is not None:
                message += " " + _("Write it as a number, without quotes: answer = {number}.") \
                    .format(number=answer.strip())
            raise Wrong(message)
        if text_options and isinstance(answer, str):
            words = answer.lower().replace(",", " ").replace(".", " ").split()
            hits = [o for o in options if o.strip().lower() in words]
            if len(hits) == 1:
                raise Wrong(_("Answer with just {option}, without other words; got {value}.")
                            .format(option=repr(hits[0]), value=_short(answer)))
            if len(hits) > 1:
                raise Wrong(_("Choose one: {options}; got {value}.")
                            .format(options=_or([repr(h) for h in hits]), value=_short(answer)))
        if text_options and not isinstance(answer, str):
            raise Wrong(_("Answer with the text {options}, in quotes; got {value}.")
                        .format(options=_or([repr(o) for o in options]), value=_short(answer)))
        raise Wrong(_("The answer should be one of {options}; got {value}.")
                    .format(options=listed, value=_short(answer)))
    if key != correct:
        raise Wrong(_(options[key]))
    return _(options[key])


# -- the exercise -----------------------------------------------------------------------------

class Exercise:
    """One exercise: ``check(answer)`` prints a verdict, ``hint()`` the next hint, ``solution()``
    a worked answer.

    ``checker(answer)`` returns praise or raises :class:`Wrong`/:class:`Unsolved`. ``hint`` is
    one string or a sequence of strings that climb: a first nudge, then more specific ones; the
    last stops just short of the answer, which ``solution`` gives in full. ``answer`` is one
    right answer, which the course's tests feed to the checker. The hints and the solution are
    kept in English (marked with ``N_()``) and translated when shown. Introduced in notebook 01.
    """

    def __init__(self, name: str, checker: Callable[[Any], str], hint: str | Sequence[str],
                 solution: str, answer: Any = None) -> None:
        hints = (hint,) if isinstance(hint, str) else tuple(hint)
        if not hints or not all(isinstance(h, str) and h.strip() for h in hints):
            raise ValueError("hint must be a non-empty string or a sequence of them")
        self.name = name  # the variable that holds it in the notebook, used in messages
        self.answer = answer  # a right answer (a value or a function), for the course's tests
        self.hints = hints
        self._checker = checker
        self._solution = solution
        self._hints_shown = 0

    def verdict(self, answer: Any = Ellipsis) -> Verdict:
        """The verdict on ``answer`` without printing it; never raises (a Ctrl-C during the check
        gives the verdict "stopped")."""
        try:
            if blank(answer):
                raise Unsolved(_("Replace the ... with your answer, then run the cell again."))
            praise = self._checker(answer)
        except Unsolved as exc:
            return Verdict(UNSOLVED, _("{message} Stuck? Try {name}.hint() or {name}.solution().")
                           .format(message=exc, name=self.name))
        except Wrong as exc:
            return Verdict(WRONG, str(exc))
        except KeyboardInterrupt:
            return Verdict(STOPPED, _("You interrupted it; run the cell again to check your answer."))
        except TimeUp:  # only if a time limit fired outside call()/iterate(): still a verdict
            return Verdict(WRONG, _("The check ran out of time ({limit:g} s).").format(limit=TIME_LIMIT))
        except Exception as exc:  # an answer of a kind the checker did not foresee
            return Verdict(WRONG, _("The check did not expect an answer like {value} ({error}). "
                                    "Compare its form with the exercise's (one number? a "
                                    "function? a pair?); {name}.hint() can help.").format(
                value=_short(answer), error=f"{type(exc).__name__}: {exc}", name=self.name))
        return Verdict(CORRECT, praise or "")

    def check(self, answer: Any = Ellipsis) -> None:
        """Print the verdict on ``answer``."""
        print(self.verdict(answer))

    def hint(self, level: int | None = None) -> None:
        """Print the next hint (the first one the first time); ``hint(k)`` prints hint ``k``."""
        count = len(self.hints)
        if level is None:
            level = min(self._hints_shown + 1, count)
        elif isinstance(level, bool) or not isinstance(level, numbers.Integral) or not 1 <= level <= count:
            calls = ", ".join(f"{self.name}.hint({k})" for k in range(1, count + 1))
            message = (_("There is 1 hint: {calls}.") if count == 1
                       else _("There are {count} hints: {calls}."))
            print(message.format(count=count, calls=calls))
            return
        level = int(level)
        self._hints_shown = level
        if count == 1:
            print(_("Hint: {hint}").format(hint=_(self.hints[0])))
        else:
            print(_("Hint {level} of {count}: {hint}").format(level=level, count=count,
                                                              hint=_(self.hints[level - 1])))
        if level < count:
            print(_("(Still stuck? Run {name}.hint() again for hint {next}.)")
                  .format(name=self.name, next=level + 1))
        else:
            print(_("(That is the last hint; {name}.solution() shows a full answer.)")
                  .format(name=self.name))

    def solution(self) -> None:
        """Print a worked solution."""
        print(_("Solution:\n{solution}").format(solution=_(self._solution)))

    def __repr__(self) -> str:
        return _("<exercise {name}: call .check(answer), .hint() or .solution()>").format(
            name=self.name)
