"""The flow layout: items wrap onto new lines, expanding items share the space left."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.flow_layout import FlowLayout, elided


def build(qtbot, n: int = 6):
    holder = QWidget()
    qtbot.addWidget(holder)
    outer = QVBoxLayout(holder)
    flow = FlowLayout(h_spacing=6, v_spacing=4)
    search = QLineEdit(holder)
    search.setMinimumWidth(200)
    flow.addWidget(search)
    buttons = []
    for i in range(n):
        b = QPushButton(f"筛选按钮{i}", holder)
        b.setFixedWidth(120)
        flow.addWidget(b)
        buttons.append(b)
    outer.addLayout(flow)
    outer.addStretch(1)
    return holder, flow, search, buttons


def test_items_wrap_and_the_minimum_is_the_widest_item(qtbot) -> None:
    holder, flow, search, buttons = build(qtbot)
    assert flow.minimumSize().width() == 200  # not the sum of all items
    assert flow.sizeHint().width() == 200 + 6 * 120 + 6 * 6
    holder.resize(1200, 300)
    holder.show()
    qtbot.waitExposed(holder)
    assert len({b.y() for b in buttons}) == 1  # one line
    one_line = flow.heightForWidth(1200)
    holder.resize(460, 300)
    qtbot.wait(1)
    assert flow.heightForWidth(460) > one_line
    assert len({b.y() for b in buttons}) > 1
    right = holder.contentsRect().right()
    for w in (search, *buttons):
        assert w.geometry().right() <= right
        assert w.width() >= w.minimumWidth()


def test_an_expanding_item_takes_the_space_left_on_its_line(qtbot) -> None:
    holder, flow, search, buttons = build(qtbot, n=2)
    holder.resize(900, 200)
    holder.show()
    qtbot.waitExposed(holder)
    assert buttons[-1].geometry().right() == flow.geometry().right()
    assert search.width() == flow.geometry().width() - 2 * 120 - 2 * 6


def test_hidden_items_take_no_space(qtbot) -> None:
    _holder, flow, _search, buttons = build(qtbot, n=3)
    before = flow.sizeHint().width()
    buttons[1].hide()
    flow.invalidate()
    assert flow.sizeHint().width() == before - 120 - 6


def test_elided_cuts_long_text_only(qtbot) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    assert elided(w, "产地范围", 500) == "产地范围"
    short = elided(w, "Conformity with the standard", 60)
    assert short.endswith("…") and w.fontMetrics().horizontalAdvance(short) <= 60
