"""The standing packet campaign: generated mutations of real packets, each imported into a fresh
copy of a city (or county) database, and a kill -9 loop over import and export (issue 13).

Seeds are made from ``demo --size small`` (bench/campaign_seeds.py): a county packet, the city's
receipt, reference and restore packets. Four families of mutations (bytes, one XML member, cell
edits, structure; bench/campaign_zip.py, campaign_xml.py, campaign_edits.py) are run by a pool
of worker processes, each under an address-space limit and a time limit (a trial that kills its
worker or runs over is a finding, and the worker is started again); what each trial checks is
listed in bench/campaign_trial.py, what each kill run checks in bench/campaign_kills.py.

Usage::

    python bench/campaign.py --trials 10000 --kills 60 --seed 1 --out /tmp/campaign
    python bench/campaign.py --out /tmp/campaign --replay cells:1:417   # one trial again, kept
    python bench/campaign.py --out /tmp/campaign --summarise            # the summary again

A reproducer ``FAMILY:SEED:INDEX`` makes the same mutation of the same seed packet; the seeds of
a run are kept in ``OUT/seeds`` (``--reuse-seeds`` runs against them again). The summary (per
family: trials, merged, refused, findings, and each distinct finding with its first reproducer)
is printed and written to ``OUT/summary.txt``; every result to ``OUT/results.jsonl`` as it comes.
Exit status: 0 without findings, 1 with.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.campaign_kills import kill_run, measure  # noqa: E402 - after the path is set
from bench.campaign_seeds import Seed, load_seeds, prepare_seeds  # noqa: E402
from bench.campaign_trial import FAMILIES, Finding, Result, Task, make_mutation, run_trial  # noqa: E402

__all__ = ["Settings", "run_campaign", "summarise", "main"]


@dataclass(frozen=True)
class Settings:
    """One campaign: how many trials of which families, the kills, and the limits."""

    out: Path
    trials: int = 1000
    """Trials in all, shared evenly by the families."""
    families: Sequence[str] = FAMILIES
    kills: int = 0
    """Kill -9 runs in all, half import, half export."""
    seed: int = 1
    workers: int = 2
    as_mb: int = 2048
    """Each worker's address-space limit."""
    timeout: float = 120.0
    """Seconds before a trial's worker is killed."""
    slow: float = 20.0
    """A trial slower than this is a finding."""
    mem_mb: float = 1200.0
    """A trial whose worker's peak resident memory passes this is a finding."""
    reuse_seeds: bool = False
    progress: Callable[[str], None] = field(default=lambda text: None)
    results_file: Path | None = None
    """Each result is appended here as a JSON line as soon as it is known (a long run that is
    stopped keeps what it did)."""


class _Worker:
    """One worker process: sends a task, reads its result; restarted when it dies."""

    def __init__(self, number: int, settings: Settings) -> None:
        self.number, self.settings = number, settings
        self.folder = settings.out / "work" / f"w{number}"
        self.stderr = settings.out / "work" / f"w{number}.stderr"
        self.proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        s = self.settings
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        env["TMPDIR"] = str(self.folder.parent / f"w{self.number}-tmp")
        Path(env["TMPDIR"]).mkdir(parents=True, exist_ok=True)
        err = open(self.stderr, "ab")  # noqa: SIM115 - the child keeps it; closed when it ends
        try:
            return subprocess.Popen(
                [sys.executable, "-m", "bench.campaign_trial", "--seeds", str(s.out / "seeds"),
                 "--folder", str(self.folder), "--as-mb", str(s.as_mb), "--slow", str(s.slow),
                 "--mem-mb", str(s.mem_mb)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8",
                env=env, cwd=ROOT)
        finally:
            err.close()

    def stop(self) -> None:
        """End the worker (it ends when its input closes) and close its pipes."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None and proc.stdin is not None:
            try:
                proc.stdin.close()
                proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:  # a pipe to a process killed mid-write
                    pass

    def run(self, task: Task, seeds: dict[str, Seed]) -> Result:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        proc = self.proc
        assert proc.stdin is not None and proc.stdout is not None
        mark = self.stderr.stat().st_size if self.stderr.exists() else 0
        timed_out = threading.Event()

        def expire() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(self.settings.timeout, expire)
        timer.start()
        try:
            proc.stdin.write(json.dumps({"family": task.family, "seed": task.seed, "index": task.index}) + "\n")
            proc.stdin.flush()
            line = proc.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        finally:
            timer.cancel()
        if line:
            result = Result.from_json(json.loads(line))
            if any(f.kind == "memory" for f in result.findings):
                self.stop()  # a fresh process, so the next trial's peak is its own
            return result
        code = proc.wait()
        self.stop()
        with open(self.stderr, "rb") as fh:
            fh.seek(mark)
            tail = fh.read().decode("utf-8", "replace")
        result = _describe(task, seeds, self.settings.out / "work" / f"w{self.number}-replay")
        if timed_out.is_set():
            result.outcome = "timeout"
            result.findings.append(Finding("timeout", f"no answer within {self.settings.timeout:.0f} s"))
        else:
            result.outcome = "crashed"
            lines = [x for x in tail.splitlines() if x.strip()]
            why = next((x for x in lines if "memory allocation" in x or "panicked" in x), lines[-1] if lines else "")
            how = f"signal {-code} ({signal.Signals(-code).name})" if code < 0 else f"exit {code}"
            result.findings.append(Finding("crash", f"the worker died, {how}: {why[:160]}", tail[-1500:]))
        return result


def _describe(task: Task, seeds: dict[str, Seed], folder: Path) -> Result:
    """A result naming the mutation of ``task`` (made again, not imported)."""
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    result = Result(task)
    try:
        mutation = make_mutation(task, seeds, folder)
        result.seed_packet, result.label = mutation.seed.name, mutation.change.label
        result.visible, result.options = mutation.change.visible, mutation.options
    except Exception as e:  # noqa: BLE001 - the description is best effort
        result.label = f"(not made again: {e})"
    shutil.rmtree(folder, ignore_errors=True)
    return result


def _tasks(settings: Settings) -> list[Task]:
    """The trials, the families interleaved (a bounded run covers them all)."""
    per = [settings.trials // len(settings.families) + (i < settings.trials % len(settings.families))
           for i in range(len(settings.families))]
    out = []
    for index in range(max(per, default=0)):
        out += [Task(f, settings.seed, index) for f, n in zip(settings.families, per, strict=True) if index < n]
    return out


def run_campaign(settings: Settings) -> list[Result]:
    """Prepare (or reuse) the seeds, run the trials in the pool, then the kill runs."""
    seeds_dir = settings.out / "seeds"
    if settings.reuse_seeds and (seeds_dir / "seeds.json").exists():
        seed_list = load_seeds(seeds_dir)
    else:
        seed_list = prepare_seeds(seeds_dir)
    seeds = {s.name: s for s in seed_list}
    results: list[Result] = []
    sink = open(settings.results_file, "w", encoding="utf-8") if settings.results_file else None  # noqa: SIM115
    tasks: queue.Queue[Task | None] = queue.Queue()
    for task in _tasks(settings):
        tasks.put(task)
    total = tasks.qsize()
    lock = threading.Lock()
    start = time.perf_counter()

    def serve(worker: _Worker) -> None:
        while True:
            try:
                task = tasks.get_nowait()
            except queue.Empty:
                break
            if task is None:
                break
            result = worker.run(task, seeds)
            with lock:
                results.append(result)
                done = len(results)
                _keep(sink, result)
            if done % 100 == 0 or done == total:
                settings.progress(f"{done}/{total} trials, {time.perf_counter() - start:.0f} s")
        worker.stop()

    pool = [_Worker(i, settings) for i in range(max(1, settings.workers))]
    threads = [threading.Thread(target=serve, args=(w,), daemon=True) for w in pool]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if settings.kills:
        kill_dir = settings.out / "work" / "kills"
        timing = {kind: measure(kind, seeds["county"], kill_dir) for kind in ("import", "export")}
        for i in range(settings.kills):
            kind = ("import", "export")[i % 2]
            results.append(kill_run(kind, seeds["county"], kill_dir, i // 2, settings.seed, timing[kind]))
            _keep(sink, results[-1])
            if (i + 1) % 10 == 0 or i + 1 == settings.kills:
                settings.progress(f"{i + 1}/{settings.kills} kill runs")
    if sink is not None:
        sink.close()
    return results


def _keep(sink: TextIO | None, result: Result) -> None:
    if sink is not None:
        sink.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        sink.flush()


def summarise(results: Sequence[Result], seconds: float | None = None) -> str:
    """Per family: trials, outcomes, findings; then each distinct finding, its count and its first
    reproducer."""
    lines = []
    families = list(dict.fromkeys(r.task.family for r in results))
    lines.append(f"{'family':<13}{'trials':>7}{'merged':>8}{'refused':>8}{'dry-run':>8}{'other':>7}"
                 f"{'findings':>9}{'distinct':>9}")
    distinct: dict[str, tuple[int, Result, Finding]] = {}
    for family in families:
        mine = [r for r in results if r.task.family == family]
        outcomes = Counter(r.outcome.split("-")[0] if family.startswith("kill") else r.outcome for r in mine)
        signatures = set()
        for r in mine:
            for f in r.findings:
                key = f"[{family}] {f.signature}"
                signatures.add(key)
                count, first, finding = distinct.get(key, (0, r, f))
                distinct[key] = (count + 1, first, finding)
        merged = outcomes["merged"] + outcomes["merged-edited"]
        other = len(mine) - merged - outcomes["refused"] - outcomes["dry-run"]
        if family.startswith("kill"):
            merged, other = outcomes["killed"], outcomes["finished"]
        lines.append(f"{family:<13}{len(mine):>7}{merged:>8}{outcomes['refused']:>8}{outcomes['dry-run']:>8}"
                     f"{other:>7}{sum(bool(r.findings) for r in mine):>9}{len(signatures):>9}")
    lines.append(f"{'all':<13}{len(results):>7}{'':>31}{sum(bool(r.findings) for r in results):>9}{len(distinct):>9}")
    lines.append("(kill rows: 'merged' = killed before the end, 'other' = finished before the kill)")
    rest = Counter(r.outcome for r in results if r.outcome not in ("merged", "refused", "dry-run")
                   and not r.task.family.startswith("kill"))
    if rest:
        lines.append("other outcomes: " + ", ".join(f"{k} {v}" for k, v in rest.most_common()))
    if seconds is not None:
        trial_s = [r.seconds for r in results if not r.task.family.startswith("kill")]
        lines.append(f"time: {seconds:.0f} s in all; slowest trial {max(trial_s, default=0):.1f} s")
    if distinct:
        lines.append("")
        lines.append("distinct findings (count; first reproducer: family:seed:index, seed packet, mutation):")
        for key, (count, first, finding) in sorted(distinct.items()):
            lines.append(f"- {key}  ×{count}")
            lines.append(f"    {first.task.name} [{first.seed_packet}] {first.label[:150]}")
            detail = (finding.detail or finding.message).strip().splitlines()
            if detail:
                shown = detail[-1] if finding.kind in ("exception", "traceback") else detail[0]
                lines.append(f"    {shown[:200]}")
    return "\n".join(lines)


def _replay(settings: Settings, name: str) -> int:
    family, seed, index = name.split(":")
    seeds = {s.name: s for s in load_seeds(settings.out / "seeds")}
    folder = settings.out / "replay" / name.replace(":", "-")
    result = run_trial(Task(family, int(seed), int(index)), seeds, folder, slow=settings.slow,
                       mem_mb=settings.mem_mb, keep=True)
    sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n")
    sys.stdout.write(f"files kept in {folder}\n")
    return 1 if result.findings else 0


def main(argv: Sequence[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    p = argparse.ArgumentParser(description="The packet campaign (issue 13).")
    p.add_argument("--trials", type=int, default=1000)
    p.add_argument("--kills", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--families", default=",".join(FAMILIES))
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--as-mb", type=int, default=2048)
    p.add_argument("--timeout", type=float, default=120.0)
    p.add_argument("--slow", type=float, default=20.0)
    p.add_argument("--mem-mb", type=float, default=1200.0)
    p.add_argument("--reuse-seeds", action="store_true")
    p.add_argument("--replay", metavar="FAMILY:SEED:INDEX")
    p.add_argument("--summarise", action="store_true", help="print the summary of OUT/results.jsonl again")
    args = p.parse_args(argv)
    if args.summarise:
        with open(args.out / "results.jsonl", encoding="utf-8") as fh:
            print(summarise([Result.from_json(json.loads(line)) for line in fh if line.strip()]))
        return 0
    settings = Settings(out=args.out, trials=args.trials, families=args.families.split(","), kills=args.kills,
                        seed=args.seed, workers=args.workers, as_mb=args.as_mb, timeout=args.timeout,
                        slow=args.slow, mem_mb=args.mem_mb, reuse_seeds=args.reuse_seeds or bool(args.replay),
                        progress=lambda text: print(text, file=sys.stderr, flush=True))
    args.out.mkdir(parents=True, exist_ok=True)
    if args.replay:
        return _replay(settings, args.replay)
    start = time.perf_counter()
    results = run_campaign(dataclasses.replace(settings, results_file=args.out / "results.jsonl"))
    seconds = time.perf_counter() - start
    text = summarise(results, seconds)
    (args.out / "summary.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 1 if any(r.findings for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
