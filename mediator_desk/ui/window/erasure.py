"""Erasing closed cases past their retention period, from the main window: the cases due found
and erased on worker threads, the erasure in batches behind a progress dialog that can stop
it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog

from ...services.desk import Erasure, ErasureDue
from ...store.errors import CaseFileError
from ..worker import (
    Progress,
    failure_message,
    progress_dialog,
    run_in_background,
    run_with_progress,
    stop_when_asked,
)
from .base import WindowParts


class ErasureMixin(WindowParts):
    """Erasure is listed case by case and done only when the mediator agrees."""

    erase_progress: QProgressDialog | None = None
    erase_box: QMessageBox | QDialog | None = None
    _erasing: Progress | None = None

    @property
    def erasing(self) -> bool:  # type: ignore[override]  # read-only here, declared in base
        return self._erasing is not None

    def offer_erasure(self) -> None:
        """List the closed cases past retention and erase them if the mediator agrees."""
        desk = self.desk
        if desk is None or desk.read_only or self.erasing:
            return
        self.save_label.setText("Finding the closed cases past their retention period…")
        run_in_background(
            lambda: desk.cases_due_for_erasure(apart=True),
            lambda due: self._ask_to_erase(due) if self.desk is desk else None,
            lambda error: self._save_failed(failure_message(error)),
            self,
        )

    def _ask_to_erase(self, due: list[ErasureDue]) -> None:
        assert self.desk is not None
        self.save_label.clear()
        years = self.desk.retention_years()
        if not due:
            self.erase_box = QMessageBox(
                QMessageBox.Icon.Information, "Nothing to erase",
                f"No closed case has passed its {years}-year retention period.",
                QMessageBox.StandardButton.Close, self,
            )  # fmt: skip
            self.erase_box.open()
            return
        from ..dialogs.erasure import ErasureDialog

        dialog = ErasureDialog(due, years, self)
        dialog.accepted.connect(lambda: self.erase_cases([c.id for c in due]))
        self.erase_box = dialog
        dialog.open()

    def erase_cases(self, case_ids: list[int]) -> None:
        """Erase on a worker thread (through a connection of its own); the window waits behind
        a modal progress dialog whose Stop ends it after the case in hand."""
        desk = self.desk
        if desk is None or self.erasing:
            return
        from ..dialogs.erasure import counted

        self.close_case()
        try:
            desk.refuse_if_read_only()  # here, on the thread that owns its connection
        except CaseFileError as error:
            self._save_failed(error.message)
            return
        total = len(case_ids)
        label = f"Erasing {counted(total, 'closed case')}…"
        dialog = progress_dialog(self, "Erasing closed cases", label, "Stop")
        dialog.setMaximum(total)
        self.erase_progress = dialog

        def progressed(done: int, _total: int) -> None:
            if not dialog.wasCanceled():
                dialog.setValue(done)
                dialog.setLabelText(f"Erased {done:,} of {counted(total, 'case')}…")

        def finished(result: Any, error: BaseException | None = None) -> None:
            self._erasing = None
            dialog.reset()
            dialog.close()
            self.erase_progress = None
            self._case_saved()
            self._refresh_state()
            if error is not None:
                self._save_failed(failure_message(error))
                return
            assert isinstance(result, Erasure)
            done = len(result.erased)
            if result.stopped:
                kept = total - done
                self.save_label.setText(
                    f"Stopped: erased {done:,} of {counted(total, 'case')}; the other "
                    f"{kept:,} {'is' if kept == 1 else 'are'} kept."
                )
            else:
                self.save_label.setText(f"Erased {counted(done, 'case')}.")

        progress = run_with_progress(
            lambda report: desk.erase_cases(case_ids, report, report.cancelled),
            progressed,
            finished,
            lambda error: finished(None, error),
            self,
        )

        # Until the worker has committed and compacted what it erased.
        stop_when_asked(dialog, progress, "Stopping after this case…")
        self._erasing = progress
