"""One row of an editor form: the field's label, its editor, and the message line under it
that says what is wrong (an error, red) or what looks odd (a warning, amber)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop.fields import Field
from ui.editors.widgets import FieldEditor

__all__ = ["ERROR_COLOUR", "WARNING_COLOUR", "FieldRow", "message_line"]

ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#8a5a00"


def message_line(parent: QWidget, key: str) -> tuple[QWidget, QLabel, QLabel]:
    """The line under a field that says what is wrong (red) or what looks odd (amber, a
    warning that does not stop the save): ``(line, error, warning)``. The line keeps the
    height of one line of text while empty, so the form does not jump as messages come
    and go; the two labels share it and at most one shows."""
    line = QWidget(parent)
    line.setObjectName(f"message_{key}")
    grid = QGridLayout(line)
    grid.setContentsMargins(0, 0, 0, 0)
    labels = []
    for name, colour in (("error", ERROR_COLOUR), ("warning", WARNING_COLOUR)):
        label = QLabel(line)
        label.setObjectName(f"{name}_{key}")
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {colour};")
        font = label.font()
        font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
        label.setFont(font)
        label.setVisible(False)
        grid.addWidget(label, 0, 0)
        labels.append(label)
    labels[0].setText("国 Ag")  # measure one line of the message font as a label shows it
    line.setMinimumHeight(labels[0].sizeHint().height())
    labels[0].setText("")
    return line, labels[0], labels[1]


class FieldRow:
    """One field of the form: its label, its editor and the line that says what is wrong
    (``error``) or only looks odd (``warning``)."""

    def __init__(self, field: Field, editor: FieldEditor, label: QLabel, error: QLabel,
                 warning: QLabel | None = None):
        self.field = field
        self.editor = editor
        self.label = label
        self.error = error
        self.warning = warning
        self._warning_text = ""

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.label.setProperty("invalid", bool(text))
        self.label.setStyleSheet(f"color: {ERROR_COLOUR};" if text else "")
        self._show_warning()

    def show_warning(self, text: str) -> None:
        """A plausibility warning under the field (an error, if any, is shown instead)."""
        self._warning_text = text
        self._show_warning()

    def _show_warning(self) -> None:
        if self.warning is None:
            return
        shown = bool(self._warning_text) and self.error.isHidden()
        self.warning.setText(self._warning_text if shown else "")
        self.warning.setVisible(shown)
