"""Drive the course's notebooks in a real browser: a Jupyter server (JupyterLab 4 or Notebook 7)
on a copy of the notebooks, and headless Chromium through Playwright.

Used by the browser tests (``tests/browser``; pytest finds ``tools/`` through its ``pythonpath``
setting in ``pyproject.toml``) and by ``benchmarks/browser_latency.py`` (run as a module from
the repository's root: ``python -m benchmarks.browser_latency``).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
KO_NOTEBOOKS = sorted((ROOT / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb"))
EVERY_NOTEBOOK = NOTEBOOKS + KO_NOTEBOOKS  # the English notebooks and the Korean edition's


def nb_id(path: Path) -> str:
    """A test id: ``01_random_initialization`` or ``ko-01_random_initialization``."""
    return path.stem if path.parent.name == "notebooks" else f"{path.parent.name}-{path.stem}"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
INSTALL_HINT = "bash .ci/install-browser.sh"

# Headless Chromium from the distribution (Debian's `chromium` package), launched by Playwright.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
STDERR_MIME = "application/vnd.jupyter.stderr"
# A slider's handle: ipywidgets 8 (noUiSlider), ipywidgets 7 (jQuery UI).
HANDLE = ".noUi-handle, .ui-slider-handle"
SLIDER = ".widget-slider"
# A live figure shows one frame as two images stacked in one grid cell (helpers/live.py): the
# background, sent when it changes, and the moving layer, new at every frame.
IMAGE = "img.course-frame-moving"
LAYERS = "img.course-frame-background, img.course-frame-moving"


def find_chromium() -> str | None:
    """The Chromium executable: $CHROMIUM when set (and only it), else the distribution's."""
    chosen = os.environ.get("CHROMIUM")
    candidates = [chosen] if chosen else ["/usr/bin/chromium", shutil.which("chromium"),
                                          shutil.which("chromium-browser")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"Playwright for Python is not installed; run `{INSTALL_HINT}`"
    if find_chromium() is None:
        where = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
        return f"Chromium not found ({where}); run `{INSTALL_HINT}`"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_course(dest: Path) -> Path:
    """Copy the notebooks (and the data they read) into ``dest``: the server autosaves open
    notebooks, which must never overwrite the stored outputs of the real ones."""
    for name in ("notebooks", "data"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return dest


# --------------------------------------------------------------------------------------------
# The Jupyter server
# --------------------------------------------------------------------------------------------

# Settings for the test server's own (empty) user-settings folder: no news feed, no update check.
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}


def _descendants(pid: int) -> list[int]:
    """Process ids of every descendant of ``pid`` (children first), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie has exited
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@dataclass
class JupyterServer:
    """A Jupyter server (``app`` = "lab" for JupyterLab, "notebook" for Notebook 7) on
    127.0.0.1 with a fixed token and its own config, data and runtime folders, serving ``root``."""

    app: str
    root: Path
    home: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                         ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
            env[var] = str(self.home / sub)
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        env.pop("JUPYTER_PATH", None)
        env.pop("JUPYTERLAB_SETTINGS_DIR", None)
        env.pop("JUPYTERLAB_WORKSPACES_DIR", None)
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def command(self) -> list[str]:
        module = {"lab": "jupyterlab", "notebook": "notebook"}[self.app]
        cmd = [sys.executable, "-m", module, "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
               f"--ServerApp.root_dir={self.root}"]
        if os.geteuid() == 0:
            cmd.append("--ServerApp.allow_root=True")
        return cmd

    def start(self, timeout: float = 90.0) -> "JupyterServer":
        env = self.env()
        settings = Path(env["JUPYTER_CONFIG_DIR"]) / "lab" / "user-settings"
        for rel, value in USER_SETTINGS.items():
            (settings / rel).parent.mkdir(parents=True, exist_ok=True)
            (settings / rel).write_text(json.dumps(value))
        self.log_path = self.home / f"jupyter-{self.app}.log"
        with open(self.log_path, "wb") as log:
            # Its own process group (session), so that stopping it stops everything it started.
            self.process = subprocess.Popen(self.command(), env=env, cwd=self.root, stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter {self.app} exited with {self.process.returncode}:\n{self.log()}")
            try:
                self.api("GET", "/api/status")
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"jupyter {self.app} did not answer within {timeout:.0f} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path else ""

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def page_config(self, path: str = "/lab") -> dict[str, Any]:
        """The page config the server embeds in its HTML (lists the front-end extensions)."""
        request = urllib.request.Request(f"{self.url}{path}",
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            html = response.read().decode()
        start = html.index('id="jupyter-config-data"')
        start = html.index(">", start) + 1
        return json.loads(html[start:html.index("</script>", start)])

    def shutdown_kernels(self) -> None:
        """Stop every kernel of the server (one notebook's page is done)."""
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}")
            for kernel in self.api("GET", "/api/kernels"):
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
        except (urllib.error.URLError, OSError):
            pass

    def stop(self) -> list[int]:
        """Stop the server and every process it started; return the ids of any process that
        had to be killed after the polite stop (kernels run in sessions of their own)."""
        if self.process is None:
            return []
        pid = self.process.pid
        family = _descendants(pid)
        if self.process.poll() is None:
            self.shutdown_kernels()
            family = sorted(set(family) | set(_descendants(pid)))
            try:
                os.killpg(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        killed = []
        deadline = time.monotonic() + 5
        for child in family:
            while _alive(child) and time.monotonic() < deadline:
                time.sleep(0.1)
            if _alive(child):
                os.kill(child, signal.SIGKILL)
                killed.append(child)
        self.process = None
        return killed

    def notebook_url(self, rel: str, workspace: str = "default") -> str:
        if self.app == "lab":  # a workspace per page, so no page re-opens another's tabs
            return f"{self.url}/lab/workspaces/{workspace}/tree/{rel}?token={self.token}"
        return f"{self.url}/notebooks/{rel}?token={self.token}"


def start_server(app: str, tmp: Path) -> JupyterServer:
    """A running server (``app``: "lab" or "notebook") on a fresh copy of the course in ``tmp``."""
    return JupyterServer(app=app, root=copy_course(tmp / "course"), home=tmp / "jupyter").start()


def stop_server(server: JupyterServer) -> None:
    """Stop ``server``; fail if a process it started had to be killed."""
    killed = server.stop()
    if killed:
        raise AssertionError(f"jupyter {server.app} left processes behind (killed: {killed})")


@contextmanager
def jupyter_server(app: str, root: Path | None = None) -> Iterator[JupyterServer]:
    """A running server on a fresh copy of the course (``root``: the copy; a temporary folder
    by default, removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix=f"course-{app}-") as tmp:
        tmp_path = Path(tmp)
        course = root or copy_course(tmp_path / "course")
        server = JupyterServer(app=app, root=course, home=tmp_path / "jupyter").start()
        try:
            yield server
        finally:
            server.stop()


@contextmanager
def chromium(width: int = 1500, height: int = 1000) -> Iterator[Any]:
    """A headless Chromium browser context (Playwright)."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        raise RuntimeError(f"Chromium not found; run `{INSTALL_HINT}`")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            try:
                yield context
            finally:
                context.close()
        finally:
            browser.close()


# --------------------------------------------------------------------------------------------
# A notebook in the page
# --------------------------------------------------------------------------------------------

# In-page instrumentation: count every new frame of each live figure's image (a new `src`),
# and remember when the last key went down and when each new frame finished loading.
INSTRUMENT_JS = """
() => {
  if (!window.__course) {
    window.__course = {lastKey: 0};
    document.addEventListener('keydown', () => { window.__course.lastKey = performance.now(); }, true);
  }
  const imgs = [...document.querySelectorAll('IMAGE')];
  for (const img of imgs) {
    if (img.__course) continue;
    img.__course = {frames: 0, loads: []};
    new MutationObserver(() => { img.__course.frames += 1; })
      .observe(img, {attributes: true, attributeFilter: ['src']});
    img.addEventListener('load', () => {
      const loaded = performance.now();
      requestAnimationFrame(() => img.__course.loads.push(
        {key: window.__course.lastKey, loaded, painted: performance.now()}));
    });
  }
  return imgs.length;
}
""".replace("IMAGE", IMAGE)


@dataclass
class NotebookPage:
    """One notebook open in a browser page of a :class:`JupyterServer`."""

    page: Any
    server: JupyterServer
    rel: str

    @classmethod
    def open(cls, context: Any, server: JupyterServer, rel: str, timeout: float = 90_000) -> "NotebookPage":
        page = context.new_page()
        page.set_default_timeout(timeout)
        # one workspace per notebook (its path, so notebooks/ko/01_… is not notebooks/01_…:
        # a shared workspace would reopen the other one's tab)
        workspace = Path(rel).with_suffix("").as_posix().replace("/", "-").replace("_", "-")
        page.goto(server.notebook_url(rel, workspace), wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached")
        self = cls(page, server, rel)
        self.wait_kernel_idle()
        return self

    def wait_kernel_idle(self) -> None:
        """Wait until the notebook's kernel is idle (JupyterLab 4 and Notebook 7 alike)."""
        self.page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                                    state="attached")

    def menu(self, menu: str, command: str, submenu: str | None = None) -> None:
        """Click the menu bar's ``menu`` (then point at its ``submenu``), then its item for
        ``command`` once it is enabled."""
        page = self.page
        page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
        if submenu is not None:
            page.locator(".lm-Menu-itemLabel", has_text=submenu).first.hover()
        selector = f"[data-command='{command}']"
        page.locator(selector).wait_for(state="visible")
        page.wait_for_function(
            "sel => { const e = document.querySelector(sel); return e && !e.classList.contains('lm-mod-disabled'); }",
            arg=selector)
        page.locator(selector).click()

    def run_all(self, timeout: float = 180_000) -> float:
        """Clear every output, run every cell (menu Run > Run All Cells) and wait until all have
        run; return the seconds it took."""
        page = self.page
        # Select a cell, so the notebook is the active document the menu commands act on.
        page.locator(".jp-Notebook .jp-Cell .jp-InputPrompt").first.click()
        self.menu("Edit", "editmenu:clear-all")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea .jp-InputPrompt')]"
            ".every(p => !/\\d/.test(p.textContent))")
        start = time.perf_counter()
        self.menu("Run", "runmenu:run-all")
        # Done when every code cell with code in it shows its execution count, or when the run
        # stopped at an error (no cell is waiting any more; problems() then tells what failed).
        # A cell whose code is collapsed shows no count (the cells after it ran after it).
        page.wait_for_function(
            """(stderr) => {
                // Cells whose code is shown (a collapsed cell, like the setup cell, shows no
                // prompt) and not empty.
                const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')].filter(cell => {
                    const prompt = cell.querySelector('.jp-InputArea .jp-InputPrompt');
                    const code = cell.querySelector('.jp-InputArea .cm-content');
                    return prompt && prompt.offsetParent !== null && (!code || code.textContent.trim() !== '');
                });
                const prompts = cells.map(cell => cell.querySelector('.jp-InputArea .jp-InputPrompt').textContent);
                if (cells.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p))) return true;
                return !prompts.some(p => p.includes('*'))
                    && document.querySelector(`.jp-Notebook [data-mime-type="${stderr}"]`) !== null;
            }""", arg=STDERR_MIME, timeout=timeout)
        self.wait_kernel_idle()
        seconds = time.perf_counter() - start
        self.instrument()
        return seconds

    def instrument(self) -> int:
        return self.page.evaluate(INSTRUMENT_JS)

    # -- what the page shows ---------------------------------------------------------------
    def show_log_console(self) -> None:
        """Open JupyterLab's log console: it shows what the kernel printed while handling a
        widget message (a slider move), which belongs to no cell."""
        if self.server.app == "lab" and self.page.locator(".jp-LogConsolePanel").count() == 0:
            self.menu("View", "logconsole:open")
            self.page.locator(".jp-LogConsolePanel").wait_for(state="attached")

    def problems(self) -> list[str]:
        """Error and stderr outputs (in the notebook and, in JupyterLab, in the log console, where
        a slider callback's warnings go), and widgets that failed to render, as text."""
        self.show_log_console()
        return self.page.evaluate(
            """([stderr]) => {
                const found = [];
                for (const el of document.querySelectorAll(
                        `.jp-OutputArea-output[data-mime-type="${stderr}"], .jp-RenderedText[data-mime-type="${stderr}"]`))
                    found.push('stderr/error output: ' + el.textContent.slice(0, 400));
                for (const el of document.querySelectorAll('.jp-OutputArea-output')) {
                    const text = el.textContent;
                    if (/Error (displaying|rendering) widget|model not found/i.test(text))
                        found.push('widget did not render: ' + text.slice(0, 200));
                }
                return [...new Set(found)];
            }""", [STDERR_MIME])

    def cells(self) -> list[dict[str, Any]]:
        """Per cell: the mime type of each output the page shows, and per widget output, its
        number of images and sliders."""
        return self.page.evaluate(
            """([widgetMime, imageSel, sliderSel]) =>
              [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(cell => ({
                outputs: [...cell.querySelectorAll('.jp-OutputArea-output')].map(out => ({
                  mime: out.getAttribute('data-mime-type')
                        || (out.querySelector('.jupyter-widgets') ? widgetMime : null),
                  images: out.querySelectorAll('img').length,
                  live_images: out.querySelectorAll(imageSel).length,
                  sliders: out.querySelectorAll(sliderSel).length,
                })),
              }))""", [WIDGET_MIME, IMAGE, SLIDER])

    def figures(self) -> list[Any]:
        """A locator per live figure: a widget output holding an image widget."""
        outputs = self.page.locator(f".jp-OutputArea-output:has({IMAGE})")
        return [outputs.nth(i) for i in range(outputs.count())]

    @staticmethod
    def sliders(figure: Any) -> list[Any]:
        sliders = figure.locator(SLIDER)
        return [sliders.nth(i) for i in range(sliders.count())]

    @staticmethod
    def readout(slider: Any) -> str:
        box = slider.locator(".widget-readout")
        if box.count() == 0:
            return ""
        return box.first.evaluate("el => el.value !== undefined && el.tagName === 'INPUT' ? el.value : el.textContent").strip()

    @staticmethod
    def position(slider: Any) -> float:
        """Where the slider's handle sits along its track, 0 (min) to 1 (max)."""
        return slider.evaluate(
            """(el, sel) => {
                const h = el.querySelector(sel), t = h.closest('.noUi-target, .ui-slider') || h.parentElement;
                const hb = h.getBoundingClientRect(), tb = t.getBoundingClientRect();
                return (hb.left + hb.width / 2 - tb.left) / Math.max(tb.width, 1);
            }""", HANDLE)

    @classmethod
    def at_max(cls, slider: Any) -> bool:
        return cls.position(slider) >= 0.99

    @classmethod
    def at_middle_or_above(cls, slider: Any) -> bool:
        return cls.position(slider) >= 0.5

    @staticmethod
    def image_src(figure: Any) -> str:
        return figure.locator(IMAGE).first.get_attribute("src") or ""

    @staticmethod
    def frames(figure: Any) -> int:
        return figure.locator(IMAGE).first.evaluate("img => img.__course ? img.__course.frames : -1")

    @staticmethod
    def loads(figure: Any) -> list[dict[str, float]]:
        return figure.locator(IMAGE).first.evaluate("img => img.__course ? img.__course.loads : []")

    @staticmethod
    def image_digest(figure: Any) -> str:
        """SHA-256 of the PNG the figure's image shows now."""
        return figure.locator(IMAGE).first.evaluate(
            """async img => {
                const bytes = await (await fetch(img.src)).arrayBuffer();
                const hash = await crypto.subtle.digest('SHA-256', bytes);
                return [...new Uint8Array(hash)].map(b => b.toString(16).padStart(2, '0')).join('');
            }""")

    @staticmethod
    def layers_stacked(figure: Any) -> bool:
        """True when the figure shows its two layers loaded, the same size, one on the other."""
        return figure.evaluate(
            """(out, sel) => {
                const imgs = [...out.querySelectorAll(sel)];
                if (imgs.length !== 2 || !imgs.every(i => i.complete && i.naturalWidth > 0)) return false;
                const [a, b] = imgs.map(i => i.getBoundingClientRect());
                return Math.abs(a.left - b.left) < 1 && Math.abs(a.top - b.top) < 1
                    && Math.abs(a.width - b.width) < 1 && Math.abs(a.height - b.height) < 1 && a.width > 0;
            }""", LAYERS)

    def wait_new_image(self, figure: Any, old_src: str, timeout: float = 20_000) -> str:
        """Wait until the figure's image shows a new, loaded frame; return its src."""
        self.page.wait_for_function(
            """([img, old]) => img.src !== old && img.complete && img.naturalWidth > 0""",
            arg=[figure.locator(IMAGE).first.element_handle(), old_src], timeout=timeout, polling="raf")
        return self.image_src(figure)

    def wait_settled(self, figure: Any, quiet_ms: float = 800, timeout: float = 30_000) -> None:
        """Wait until the figure has shown no new frame for ``quiet_ms`` and the kernel is idle."""
        deadline = time.monotonic() + timeout / 1000
        last, since = self.frames(figure), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.frames(figure)
            if now != last:
                last, since = now, time.monotonic()
            elif (time.monotonic() - since) * 1000 >= quiet_ms:
                self.wait_kernel_idle()
                return
        raise TimeoutError("the figure kept changing")

    def press(self, slider: Any, key: str, times: int = 1) -> None:
        """Focus the slider's handle and press ``key`` (``times`` times, as fast as it goes)."""
        handle = slider.locator(HANDLE).first
        handle.focus()
        for _ in range(times):
            self.page.keyboard.press(key)

    @staticmethod
    def burst(slider: Any, key: str, times: int) -> None:
        """Press ``key`` ``times`` times on the slider's handle in one go (key events dispatched
        in the page, faster than any kernel can draw: as a held-down key or a fast drag)."""
        slider.locator(HANDLE).first.evaluate(
            """(handle, [key, times]) => {
                const codes = {ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39, ArrowDown: 40};
                handle.focus();
                for (let i = 0; i < times; i++) {
                    for (const type of ['keydown', 'keyup']) {
                        const e = new KeyboardEvent(type, {key, code: key, bubbles: true, cancelable: true});
                        Object.defineProperty(e, 'keyCode', {get: () => codes[key]});  // jQuery UI (ipywidgets 7)
                        Object.defineProperty(e, 'which', {get: () => codes[key]});
                        handle.dispatchEvent(e);
                    }
                }
            }""", [key, times])

    def hide_left_sidebar(self) -> None:
        """Close JupyterLab's file browser, so the notebook gets the page's width."""
        tab = self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if self.server.app == "lab" and tab.count():
            tab.first.click()

    def screenshot(self, stem: str, folder: Path = SCREENSHOTS, each_figure: bool = True) -> list[Path]:
        """Save the page (scrolled to the first live figure) and, if ``each_figure``, each live
        figure on its own."""
        folder.mkdir(parents=True, exist_ok=True)
        saved = []
        figures = self.figures()
        for k, figure in enumerate(figures if each_figure else [], start=1):
            figure.scroll_into_view_if_needed()
            saved.append(folder / f"{stem}-figure{k}.png")
            figure.screenshot(path=str(saved[-1]))
        if figures:
            figures[0].scroll_into_view_if_needed()
        saved.append(folder / f"{stem}.png")
        self.page.screenshot(path=str(saved[-1]))
        return saved
    def drag(self, slider: Any, fraction: float) -> None:
        """Drag the slider's handle by ``fraction`` of the track's width."""
        handle = slider.locator(HANDLE).first
        track = slider.locator(".noUi-target, .ui-slider").first
        handle.scroll_into_view_if_needed()
        box, track_box = handle.bounding_box(), track.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        self.page.mouse.move(x, y)
        self.page.mouse.down()
        self.page.mouse.move(x + fraction * track_box["width"], y, steps=5)
        self.page.mouse.up()

    def close(self) -> None:
        self.page.close()
        self.server.shutdown_kernels()
