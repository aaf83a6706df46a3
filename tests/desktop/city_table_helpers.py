"""The attachment of 石市监函〔2024〕15号 (the city table of 石家庄 as of 2023-12-31), as it
stands at the end of ``../shared/seeds/000_159fb6dec51dc381.txt``: tab-separated rows, blanks
for zeros. The city-table tests build these 22 units and compare every cell."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

SEED_TABLE = """\
各县（市、区）注册商标、驰名商标、地理标志商标、地理标志保护产品及专用标志使用统计表（截止到2023年底）

序号\t各县（市、区）\t有效注册商标\t驰名商标\t地理标志商标\t地理标志保护产品\t\t备注
\t\t\t\t\t产品数量\t已使用专用标志产品数量\t
1\t长安区\t50575\t4\t1\t\t\t
2\t桥西区\t37177\t2\t\t\t\t
3\t裕华区\t35691\t2\t\t\t\t
4\t新华区\t30837\t1\t\t\t\t
5\t高新区\t49744\t11\t\t\t\t
6\t藁城区\t20395\t5\t3\t1\t\t
7\t栾城区\t8343\t8\t7\t\t\t
8\t鹿泉区\t7631\t6\t9\t1\t\t
9\t井陉矿区\t790\t1\t1\t\t\t
10\t正定县\t13360\t1\t3\t1\t\t
11\t平山县\t4041\t2\t6\t\t\t
12\t井陉县\t2597\t3\t8\t\t\t
13\t灵寿县\t3259\t1\t3\t\t\t
14\t赵县\t7099\t2\t3\t1\t1\t
15\t行唐县\t2820\t1\t4\t\t\t
16\t无极县\t8571\t1\t5\t\t\t
17\t元氏县\t3306\t1\t1\t\t\t
18\t高邑县\t3125\t2\t1\t\t\t
19\t赞皇县\t2233\t\t7\t1\t1\t
20\t深泽县\t10167\t1\t\t\t\t
21\t晋州市\t15638\t4\t5\t1\t\t
22\t新乐市\t6452\t\t1\t2\t2\t
小计\t全市\t323851\t59\t68\t8\t4\t
"""

SEED_FILE = "000_159fb6dec51dc381.txt"


def seed_title() -> str:
    return SEED_TABLE.splitlines()[0]


def seed_rows() -> list[list[str]]:
    """The table's rows (the two header rows, 22 units, the total), eight cells each."""
    return [line.split("\t") for line in SEED_TABLE.splitlines()[2:]]


def unit_figures() -> list[tuple[str, list[int]]]:
    """``(name, [five figures])`` per unit, in order (blanks as 0)."""
    return [(r[1], [int(v) if v else 0 for v in r[2:7]]) for r in seed_rows()[2:-1]]


# ---- building units through the command line ------------------------------------------------

def cli(*argv: str) -> tuple[int, str]:
    """Run ``giledger ARGV`` in-process; (exit code, stdout)."""
    import io

    from desktop.cli import main

    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def ok(*argv: str) -> str:
    code, text = cli(*argv)
    assert code == 0, (argv, code, text)
    return text


def uscc(region: str, serial: int) -> str:
    from desktop.validation import uscc_check_char

    first17 = f"91{region}{serial:09d}"
    return first17 + uscc_check_char(first17)


def build_county(folder: Path, code: str, figures: Sequence[int], *, as_of: str = "2023-12-31",
                 typed: Sequence[int] | None = None, gis: bool = True) -> Path:
    """A county database made through the command line: ``init``, its protected GIs and
    approved mark users so that the registers give ``figures``' GI columns, ``stats set``
    with ``typed`` (default ``figures``), ``export-packet``. Returns the packet."""
    db = str(folder / f"{code}.db")
    ok("--db", db, "init", "--office", code)
    marks, products, using = figures[2:]
    if gis:
        for n in range(marks):
            kind = "collective_mark" if n % 2 else "certification_mark"
            ok("--db", db, "add", "gi", "--set", f"name={code}商标{n + 1}", "--set", f"gi_type={kind}",
               "--set", f"reference_no=TM{code}{n + 1:03d}", "--set", "approval_date=2015-06-01")
        for n in range(products):
            gid = ok("--db", db, "add", "gi", "--set", f"name={code}产品{n + 1}", "--set",
                     "gi_type=protected_product", "--set", f"reference_no=GP{code}{n + 1:03d}",
                     "--set", "approval_date=2012-03-01").strip()
            if n < using:
                ok("--db", db, "add", "mark-user", "--set", f"name={code}用标企业{n + 1}",
                   "--set", f"uscc={uscc(code, n + 1)}", "--set", "entity_type=enterprise",
                   "--set", f"gi_id={gid}", "--set", f"announcement_no=公告{code}-{n + 1}",
                   "--set", "approval_date=2020-05-01", "--set", "status=approved")
    t = list(typed if typed is not None else figures)
    ok("--db", db, "stats", "set", "--as-of", as_of, "--registered-trademarks", str(t[0]),
       "--well-known-marks", str(t[1]), "--gi-trademarks", str(t[2]), "--gi-products", str(t[3]),
       "--gi-products-using-mark", str(t[4]))
    packet = folder / f"{code}.xlsx"
    ok("--db", db, "export-packet", "-o", str(packet))
    return packet


SHIJIAZHUANG_CODES: dict[str, str] = {
    "长安区": "130102", "桥西区": "130104", "裕华区": "130108", "新华区": "130105", "高新区": "130171",
    "藁城区": "130109", "栾城区": "130111", "鹿泉区": "130110", "井陉矿区": "130107", "正定县": "130123",
    "平山县": "130131", "井陉县": "130121", "灵寿县": "130126", "赵县": "130133", "行唐县": "130125",
    "无极县": "130130", "元氏县": "130132", "高邑县": "130127", "赞皇县": "130129", "深泽县": "130128",
    "晋州市": "130183", "新乐市": "130184",
}
"""The seed's unit names → their codes (../shared/domain.md)."""


def build_shijiazhuang(folder: Path) -> Path:
    """The 22 units of the seed built and exported through the command line, their packets
    imported into a new city database for 130100; returns the city database."""
    packets = [build_county(folder, SHIJIAZHUANG_CODES[name], figures) for name, figures in unit_figures()]
    city = folder / "city.db"
    ok("--db", str(city), "init", "--office", "130100")
    ok("--db", str(city), "import-packet", *map(str, packets))
    return city
