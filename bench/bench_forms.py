"""Printed forms: 500 filled survey forms of ``demo --size large`` into one PDF, against
reportlab drawing the same text into plain table pages in the same run.

- forms: ``desktop.forms.render`` (survey, 500 ids): grids, check boxes, wrapping with
  禁则, font fallback per character, QR code on every page, header and footer;
- platypus: reportlab drawing the same text into plain table pages (a Table of label/value
  Paragraphs per form, ``wordWrap='CJK'``, one grid): the issue's baseline, "reportlab drawing
  the same text into plain table pages", as a program prints tables with reportlab;
- plain (same text), for reference: one reportlab canvas drawing the same strings as the forms
  (labels, values, every allowed value of a coded field with □/■ joined into one string, header
  and footer lines) as ruled two-column rows cut at a fixed character count: no layout at all
  (no measured wrapping, no font fallback, no sections, no QR code), about a third of the
  drawing operations of the forms;
- plain (values only), for reference: the same without the unchosen values, header and footer;
- memory: peak resident size of each run, in its own process, and of the forms run at 100,
  500 and 1000 forms (``--memory``): the forms are streamed to the file in batches
  (``desktop.forms.sheet.BATCH_FORMS``), so the peak should be the same within a few MB.

Times are wall-clock (the best of ``--repeat`` runs); CPU-time ratios are printed too, the fair
figure when other work shares the machine.

Targets: forms within 2x of the table pages (platypus), under 5 s, memory flat.

Usage: python bench/bench_forms.py [--db LARGE.db] [--forms N] [--repeat N] [--memory 100,500,1000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXTRA = [p for p in os.environ.get("BENCH_PYTHONPATH", "").split(os.pathsep) if p]
"""Extra import folders for the runs (e.g. one holding the optional rl_accel)."""

FORMS = r"""
import json, resource, sys, time
from pathlib import Path
from desktop.ledger import Ledger
from desktop.forms import PrintRequest, render
db, out, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
led = Ledger.open(db)
ids = tuple(r.id for r in led.list("resource", limit=n))
from desktop.forms.fonts import load_fonts
load_fonts(None)  # font discovery once, outside the timing (the window does it at start)
t = time.perf_counter()
t_cpu = time.process_time()
res = render(led, PrintRequest("survey", ids=ids), out)
secs = time.perf_counter() - t
cpu = time.process_time() - t_cpu
print(json.dumps({"secs": secs, "cpu": cpu, "pages": res.pages, "forms": res.forms,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "bytes": out.stat().st_size}))
"""

CANVAS_HEAD = r"""
import json, resource, sys, time
from pathlib import Path
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab import rl_config
from desktop.ledger import Ledger
rl_config.useA85 = 0  # as the forms do: binary compressed streams
db, out, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
led = Ledger.open(db)
recs = list(led.list("resource", limit=n))
pdfmetrics.registerFont(TTFont("Plain", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"))
t = time.perf_counter()
t_cpu = time.process_time()
c = Canvas(str(out), pagesize=A4, pageCompression=1)
W, H = A4
pages = 0
"""
"""The two canvas baselines' set-up: the records, the font, one canvas."""

CANVAS_TAIL = r"""c.save()
secs = time.perf_counter() - t
cpu = time.process_time() - t_cpu
print(json.dumps({"secs": secs, "cpu": cpu, "pages": pages, "forms": len(recs),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "bytes": out.stat().st_size}))
"""

PLAIN = CANVAS_HEAD + r"""for rec in recs:
    y = H - 20 * mm
    c.setFont("Plain", 10)
    for f in rec.kind.fields:
        text = f.display(rec.values.get(f.key))
        lines = [text[i:i + 40] for i in range(0, len(text), 40)] or [""]
        h = 6 * mm * len(lines)
        if y - h < 20 * mm:
            c.showPage(); pages += 1; c.setFont("Plain", 10); y = H - 20 * mm
        c.rect(18 * mm, y - h, 40 * mm, h); c.rect(58 * mm, y - h, 134 * mm, h)
        c.drawString(20 * mm, y - 4.5 * mm, f.zh)
        for i, line in enumerate(lines):
            c.drawString(60 * mm, y - 4.5 * mm - i * 6 * mm, line)
        y -= h
    c.showPage(); pages += 1
""" + CANVAS_TAIL


FIELD_TEXT = r"""
def field_text(f, value):
    if f.type.value == "bool":
        return "　".join(("■" if (value is not None and bool(value) == yes) else "□") + zh
                        for yes, zh in ((True, "是"), (False, "否")))
    if f.is_coded:
        chosen = value if isinstance(value, list) else [value]
        return "　".join(("■" if c.code in chosen else "□") + c.zh for c in f.choices)
    return f.display(value)
"""
"""A field's text as the forms print it: every allowed value of a coded field with its box."""

SAME = CANVAS_HEAD + FIELD_TEXT + r"""for rec in recs:
    y = H - 20 * mm
    c.setFont("Plain", 10)
    c.drawString(18 * mm, H - 14 * mm, "表号：地标普01表  制表单位：行唐县市场监督管理局  潜在地理标志保护资源普查表")
    c.drawString(18 * mm, 10 * mm, f"打印时间：2026-12-01 10:00  第 1 页 共 2 页  编号：{rec.id}")
    for f in rec.kind.fields:
        text = field_text(f, rec.values.get(f.key))
        lines = [text[i:i + 40] for i in range(0, len(text), 40)] or [""]
        h = 6 * mm * len(lines)
        if y - h < 20 * mm:
            c.showPage(); pages += 1; c.setFont("Plain", 10); y = H - 20 * mm
            c.drawString(18 * mm, H - 14 * mm,
                         "表号：地标普01表  制表单位：行唐县市场监督管理局  潜在地理标志保护资源普查表（续）")
            c.drawString(18 * mm, 10 * mm, f"打印时间：2026-12-01 10:00  第 2 页 共 2 页  编号：{rec.id}")
        c.rect(18 * mm, y - h, 40 * mm, h); c.rect(58 * mm, y - h, 134 * mm, h)
        c.drawString(20 * mm, y - 4.5 * mm, f.zh)
        for i, line in enumerate(lines):
            c.drawString(60 * mm, y - 4.5 * mm - i * 6 * mm, line)
        y -= h
    c.showPage(); pages += 1
""" + CANVAS_TAIL


PLATYPUS = FIELD_TEXT + r"""
import json, resource, sys, time
from pathlib import Path
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph, Table
from xml.sax.saxutils import escape
from desktop.ledger import Ledger
rl_config.useA85 = 0
db, out, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
led = Ledger.open(db)
recs = list(led.list("resource", limit=n))
pdfmetrics.registerFont(TTFont("Plain", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"))
style = ParagraphStyle("v", fontName="Plain", fontSize=10, leading=14, wordWrap="CJK")
t = time.perf_counter()
t_cpu = time.process_time()
doc = BaseDocTemplate(str(out), pagesize=A4, pageCompression=1)
ids = []
def chrome(canv, doc):  # the same header and footer lines as the canvas baseline
    canv.setFont("Plain", 10)
    canv.drawString(18 * mm, A4[1] - 14 * mm,
                    "表号：地标普01表  制表单位：行唐县市场监督管理局  潜在地理标志保护资源普查表")
    canv.drawString(18 * mm, 10 * mm, f"打印时间：2026-12-01 10:00  第 {doc.page} 页  编号：{ids[-1] if ids else ''}")
doc.addPageTemplates([PageTemplate("p", [Frame(18 * mm, 16 * mm, 174 * mm, 262 * mm)], onPage=chrome)])
story = []  # platypus builds from one story
for rec in recs:
    ids.append(rec.id)
    rows = [[Paragraph(escape(f.zh), style),
             Paragraph(escape(field_text(f, rec.values.get(f.key))), style)] for f in rec.kind.fields]
    story += [Table(rows, colWidths=[40 * mm, 134 * mm], style=[("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]),
              PageBreak()]
doc.build(story)
secs = time.perf_counter() - t
cpu = time.process_time() - t_cpu
print(json.dumps({"secs": secs, "cpu": cpu, "pages": doc.page, "forms": len(recs),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "bytes": out.stat().st_size}))
"""


def _run(script: str, *args: object) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], check=True,
                          capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": os.pathsep.join([str(ROOT), *EXTRA]), "PATH": "/usr/bin:/bin"})
    timings: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return timings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="a demo --size large database (made if missing)")
    ap.add_argument("--forms", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--memory", default="100,500,1000",
                    help="form counts whose peak RSS is reported (comma-separated)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "large.db"
        if not db.exists():
            subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "demo", "--size",
                            "large"], check=True, cwd=ROOT, capture_output=True,
                           env={"PYTHONPATH": os.pathsep.join([str(ROOT), *EXTRA]), "PATH": "/usr/bin:/bin"})
        best_f: dict[str, float] | None = None
        best_p: dict[str, float] | None = None
        best_t: dict[str, float] | None = None
        best_s: dict[str, float] | None = None
        for _ in range(args.repeat):
            f = _run(FORMS, db, Path(tmp) / "forms.pdf", args.forms)
            p = _run(PLAIN, db, Path(tmp) / "plain.pdf", args.forms)
            q = _run(PLATYPUS, db, Path(tmp) / "platypus.pdf", args.forms)
            m = _run(SAME, db, Path(tmp) / "same.pdf", args.forms)
            best_s = m if best_s is None or m["secs"] < best_s["secs"] else best_s
            best_f = f if best_f is None or f["secs"] < best_f["secs"] else best_f
            best_p = p if best_p is None or p["secs"] < best_p["secs"] else best_p
            best_t = q if best_t is None or q["secs"] < best_t["secs"] else best_t
        sizes = [int(n) for n in args.memory.split(",") if n.strip()]
        memory = [_run(FORMS, db, Path(tmp) / f"mem{n}.pdf", n) for n in sizes]
    assert best_f and best_p and best_t and best_s
    print(f"forms: {best_f['forms']:.0f} forms, {best_f['pages']:.0f} pages, "
          f"{best_f['secs']:.2f} s, peak RSS {best_f['rss_mb']:.0f} MB, "
          f"{best_f['bytes'] / 1e6:.1f} MB file")
    print(f"plain (same text): {best_s['forms']:.0f} forms, {best_s['pages']:.0f} pages, "
          f"{best_s['secs']:.2f} s, peak RSS {best_s['rss_mb']:.0f} MB")
    print(f"plain (values only): {best_p['forms']:.0f} forms, {best_p['pages']:.0f} pages, "
          f"{best_p['secs']:.2f} s, peak RSS {best_p['rss_mb']:.0f} MB, "
          f"{best_p['bytes'] / 1e6:.1f} MB file")
    print(f"platypus: {best_t['forms']:.0f} forms, {best_t['pages']:.0f} pages, "
          f"{best_t['secs']:.2f} s, peak RSS {best_t['rss_mb']:.0f} MB, "
          f"{best_t['bytes'] / 1e6:.1f} MB file")
    print(f"ratio forms/table pages (platypus): {best_f['secs'] / best_t['secs']:.2f}x wall, "
          f"{best_f['cpu'] / best_t['cpu']:.2f}x CPU (target <= 2x); "
          f"forms under 5 s: {'yes' if best_f['secs'] < 5 else 'NO'}")
    print(f"for reference, forms/plain canvas (same text): {best_f['secs'] / best_s['secs']:.2f}x wall, "
          f"{best_f['cpu'] / best_s['cpu']:.2f}x CPU; forms/plain (values only): "
          f"{best_f['secs'] / best_p['secs']:.2f}x wall")
    for m in memory:
        print(f"memory: {m['forms']:.0f} forms, {m['pages']:.0f} pages: peak RSS "
              f"{m['rss_mb']:.1f} MB, {m['bytes'] / 1e6:.2f} MB file, {m['secs']:.2f} s")
    if memory:
        rss = [m["rss_mb"] for m in memory]
        counts = ", ".join(f"{m['forms']:.0f}" for m in memory)
        print(f"memory spread over {counts} forms: "
              f"{max(rss) - min(rss):.1f} MB (target: flat, within a few MB)")


if __name__ == "__main__":
    main()
