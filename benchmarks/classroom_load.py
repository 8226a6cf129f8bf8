"""A class dragging sliders at once: how many learners one machine serves.

One real ``jupyter_server`` on this machine (loopback only), N kernels, each running a course
notebook up to one of its live figures, and N simulated learners talking the real widget
protocol over the server's kernel websockets: each drags one slider of that figure like a
person — a new value every ~30 ms, swept back and forth over the slider's range — and, exactly
as the browser's widget manager does, keeps one change in flight and merges the moves made
meanwhile into the latest value. For each class size it reports, over a bounded time:

* latency: from a move to the end of the first frame that shows it (or a later value) —
  the kernel's reply to the change that carried it, frame bytes included; p50 and p95;
* frames per second per learner, and the bytes per second the whole class receives;
* CPU of the server and its kernels, as a share of one core.

From that: the largest class whose p95 latency stays within 250 ms (learners per core of
this machine) and the bandwidth a class of 30 needs.

    python benchmarks/classroom_load.py                       # N = 1 5 10 20 40, 60 s each
    python benchmarks/classroom_load.py --learners 1 5 --seconds 20 --json artifacts/classroom.json
    python benchmarks/classroom_load.py --notebook 04_batch_stochastic_minibatch --figure minibatch

Not a test: numbers depend on the machine and its load. Linux only (CPU is read from /proc).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parents[1]
TOKEN = uuid.uuid4().hex
P95_TARGET_MS = 250.0


# --------------------------------------------------------------------------------------------
# The server, and CPU time from /proc
# --------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "jupyter_server", "--no-browser", f"--port={port}",
               "--ip=127.0.0.1", f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}",
               "--ServerApp.open_browser=False", "--ServerApp.log_level=WARN"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    server = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(240):
        try:
            api("GET", port, "/api/status")
            return server
        except OSError:
            time.sleep(0.25)
    server.kill()
    raise RuntimeError("jupyter_server did not start")


def api(method: str, port: int, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=300) as response:
        text = response.read()
    return json.loads(text) if text else {}


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (the server and its kernels)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by ``pids``."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            pass
    return total / tick


# --------------------------------------------------------------------------------------------
# One kernel, over the server's websocket (the default Jupyter websocket protocol)
# --------------------------------------------------------------------------------------------

def decode(frame: str | bytes) -> dict:
    """A kernel message from a websocket frame: JSON text, or the binary form with buffers."""
    if isinstance(frame, str):
        msg = json.loads(frame)
        msg["buffers"] = []
        return msg
    nbufs = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i: 8 + 4 * i], "big") for i in range(nbufs)] + [len(frame)]
    parts = [frame[a:b] for a, b in zip(offsets[:-1], offsets[1:])]
    msg = json.loads(parts[0])
    msg["buffers"] = parts[1:]
    return msg


class Kernel:
    """A kernel of the server, spoken to as JupyterLab speaks to it."""

    def __init__(self, port: int, kernel_id: str) -> None:
        self.port, self.kernel_id = port, kernel_id
        self.session = uuid.uuid4().hex
        self.ws = None
        self.waiting: dict[str, asyncio.Future] = {}  # msg_id -> future of (idle time, bytes, outputs)
        self.received: dict[str, dict] = {}
        self.bytes_in = 0

    async def connect(self) -> None:
        url = f"ws://127.0.0.1:{self.port}/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        # generous timeouts: forty kernels starting at once on two cores take a while
        request = HTTPRequest(url, headers={"Authorization": f"token {TOKEN}"},
                              connect_timeout=300, request_timeout=300)
        self.ws = await websocket_connect(request, max_message_size=64 * 1024 * 1024)
        asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        while True:
            frame = await self.ws.read_message()
            if frame is None:
                return
            self.bytes_in += len(frame)
            msg = decode(frame)
            parent = msg.get("parent_header", {}).get("msg_id")
            if parent not in self.waiting:
                continue
            seen = self.received.setdefault(parent, {"bytes": 0, "buffers": 0, "text": [], "error": None})
            seen["bytes"] += len(frame)
            seen["buffers"] += len(msg["buffers"])
            kind = msg["header"]["msg_type"]
            if kind == "stream":
                seen["text"].append(msg["content"]["text"])
            elif kind == "error":
                seen["error"] = f"{msg['content']['ename']}: {msg['content']['evalue']}"
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                future = self.waiting.pop(parent)
                if not future.done():
                    future.set_result((time.perf_counter(), self.received.pop(parent)))

    def _send(self, msg_type: str, content: dict) -> asyncio.Future:
        msg_id = uuid.uuid4().hex
        future = asyncio.get_running_loop().create_future()
        self.waiting[msg_id] = future
        self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "learner", "session": self.session,
                       "msg_type": msg_type, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
            "buffers": []}))
        return future

    async def execute(self, code: str) -> str:
        _, seen = await self._send("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        if seen["error"]:
            raise RuntimeError(f"kernel {self.kernel_id}: {seen['error']}")
        return "".join(seen["text"])

    def update(self, comm_id: str, state: dict) -> asyncio.Future:
        """Send a widget's new state, as a front end does when a slider moves."""
        return self._send("comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": state, "buffer_paths": []}})


FIND_CONTROL = """
import json as _json, helpers as _helpers
_figure = {{f.name: f for f in _helpers.LiveFigure.open_figures()}}[{figure!r}]
_control = _figure.controls[{control!r}] if {control!r} else next(iter(_figure.controls.values()))
_kind = type(_control).__name__
print(_json.dumps({{"comm_id": _control.model_id, "kind": _kind, "value": _control.value,
    "min": getattr(_control, "min", None), "max": getattr(_control, "max", None),
    "base": getattr(_control, "base", None), "options": len(getattr(_control, "options", ()) or ())}}))
"""


def notebook_code(path: Path) -> list[str]:
    """The notebook's code cells, in order."""
    cells = json.loads(path.read_text())["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


IS_OPEN = "print(any(f.name == {figure!r} for f in __import__('helpers').LiveFigure.open_figures()))"


def sweep(control: dict, t: float, period: float = 4.0) -> dict:
    """The widget state a learner's drag reaches at time ``t``: back and forth over the range."""
    phase = (t / period) % 1.0
    u = 2 * phase if phase < 0.5 else 2 - 2 * phase  # 0 -> 1 -> 0
    kind = control["kind"]
    if kind in ("SelectionSlider", "SelectionRangeSlider", "ToggleButtons", "Dropdown"):
        return {"index": round(u * (control["options"] - 1))}
    if kind == "FloatLogSlider":
        return {"value": control["base"] ** (control["min"] + u * (control["max"] - control["min"]))}
    if kind == "IntSlider":
        return {"value": int(round(control["min"] + u * (control["max"] - control["min"])))}
    return {"value": control["min"] + u * (control["max"] - control["min"])}


@dataclass
class Learner:
    kernel: Kernel
    control: dict
    latencies: list[float] = field(default_factory=list)
    frames: int = 0
    frame_bytes: int = 0

    async def drag(self, seconds: float, move_every: float, start: float) -> None:
        """Move every ``move_every`` s; one change in flight, later moves merged into the last."""
        end = start + seconds
        pending_since: float | None = None  # the oldest move not yet sent
        in_flight: asyncio.Future | None = None
        in_flight_since = 0.0
        next_move = start + (hash(self.kernel.kernel_id) % 1000) / 1000 * move_every
        while True:
            now = time.perf_counter()
            if now >= next_move and now < end:
                pending_since = pending_since if pending_since is not None else next_move
                next_move += move_every
            if in_flight is not None and in_flight.done():
                done_at, seen = in_flight.result()
                if seen["buffers"]:
                    self.frames += 1
                    self.frame_bytes += seen["bytes"]
                    self.latencies.append(done_at - in_flight_since)
                in_flight = None
            if in_flight is None and pending_since is not None:
                in_flight_since, pending_since = pending_since, None
                in_flight = self.kernel.update(self.control["comm_id"], sweep(self.control, now - start))
            if now >= end and in_flight is None:
                return
            waits = [next_move - now] if now < end else []
            if in_flight is not None:
                try:
                    await asyncio.wait_for(asyncio.shield(in_flight), timeout=max(0.0, min(waits or [1.0])))
                except asyncio.TimeoutError:
                    pass
            else:
                await asyncio.sleep(max(0.0, min(waits or [0.0])))


# --------------------------------------------------------------------------------------------
# One class size
# --------------------------------------------------------------------------------------------

async def run_class(port: int, server_pid: int, notebook: Path, figure: str, control: str,
                    learners: int, seconds: float, move_every: float) -> dict:
    kernels = []
    for _ in range(learners):
        kernel_id = api("POST", port, "/api/kernels", {"name": "python3"})["id"]
        kernels.append(Kernel(port, kernel_id))
    for kernel in kernels:
        await kernel.connect()
    code = notebook_code(notebook)

    async def prepare(kernel: Kernel) -> dict:
        """Run the notebook as a learner does, top to bottom, until the figure is shown."""
        await kernel.execute(f"import os; os.chdir({str(notebook.parent)!r})")
        for source in code:
            await kernel.execute(source)
            if (await kernel.execute(IS_OPEN.format(figure=figure))).strip() == "True":
                break
        else:
            raise RuntimeError(f"{notebook.name} shows no live figure named {figure!r}")
        return json.loads(await kernel.execute(FIND_CONTROL.format(figure=figure, control=control)))

    controls = await asyncio.gather(*(prepare(k) for k in kernels))
    class_ = [Learner(k, c) for k, c in zip(kernels, controls)]
    await asyncio.sleep(1.0)  # let the set-up's last messages drain
    pids = process_tree(server_pid)
    bytes_before = sum(k.bytes_in for k in kernels)
    cpu_before, start = cpu_seconds(pids), time.perf_counter()
    await asyncio.gather(*(learner.drag(seconds, move_every, start) for learner in class_))
    elapsed = time.perf_counter() - start
    cpu = cpu_seconds(pids) - cpu_before
    received = sum(k.bytes_in for k in kernels) - bytes_before
    for kernel in kernels:
        await kernel.ws.close() if asyncio.iscoroutinefunction(kernel.ws.close) else kernel.ws.close()
        api("DELETE", port, f"/api/kernels/{kernel.kernel_id}")
    latencies = sorted(x * 1000 for learner in class_ for x in learner.latencies)
    frames = sum(learner.frames for learner in class_)
    return {
        "learners": learners,
        "seconds": round(elapsed, 1),
        "control": controls[0]["kind"],
        "frames": frames,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else math.nan,
        "p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1) if latencies else math.nan,
        "frames_per_s_per_learner": round(frames / elapsed / learners, 2),
        "mean_frame_kB": round(sum(l.frame_bytes for l in class_) / max(frames, 1) / 1000, 1),
        "class_kB_per_s": round(received / elapsed / 1000, 1),
        "class_Mbit_per_s": round(received * 8 / elapsed / 1e6, 2),
        "cpu_cores": round(cpu / elapsed, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[1, 5, 10, 20, 40])
    parser.add_argument("--seconds", type=float, default=60.0, help="dragging time per class size")
    parser.add_argument("--move-every", type=float, default=0.03, help="seconds between a learner's moves")
    parser.add_argument("--notebook", default="03_gradient_descent")
    parser.add_argument("--figure", default="learning-rate", help="the live figure's name")
    parser.add_argument("--control", default="lr", help="the control to drag ('' = the first)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="classroom-") as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "notebooks", root / "notebooks")
        notebook = root / "notebooks" / f"{args.notebook}.ipynb"
        port = free_port()
        server = start_server(root, port)
        rows = []
        try:
            for n in args.learners:
                row = asyncio.run(run_class(port, server.pid, notebook, args.figure, args.control,
                                            n, args.seconds, args.move_every))
                rows.append(row)
                print(json.dumps(row), flush=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

    cores = os.cpu_count() or 1
    print(f"\n{args.notebook}, figure '{args.figure}', control '{args.control}': a move every "
          f"{args.move_every * 1000:.0f} ms for {args.seconds:.0f} s per class size; {cores} cores")
    print("| learners | p50 latency | p95 latency | frames/s per learner | mean frame | class traffic | server + kernels CPU |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['learners']} | {r['p50_ms']:.0f} ms | {r['p95_ms']:.0f} ms | {r['frames_per_s_per_learner']:.1f} | "
              f"{r['mean_frame_kB']:.0f} kB | {r['class_Mbit_per_s']:.1f} Mbit/s | {r['cpu_cores']:.2f} cores |")
    within = [r["learners"] for r in rows if r["p95_ms"] <= P95_TARGET_MS]
    best = max(within) if within else 0
    print(f"\nLargest class with p95 <= {P95_TARGET_MS:.0f} ms here: {best} learners "
          f"({best / cores:.1f} per core).")
    per_learner = [r["class_Mbit_per_s"] / r["learners"] for r in rows if r["learners"] <= max(best, 1)]
    if per_learner:
        print(f"A class of 30 dragging at once needs about {30 * max(per_learner):.0f} Mbit/s "
              f"({max(per_learner):.2f} Mbit/s per learner while dragging).")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"rows": rows, "largest_class_p95_within_250ms": best,
                                         "cores": cores}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
