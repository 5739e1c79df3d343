"""The Meeting tab, in parts: the agenda and the issue being drafted (issues), who is present
(presence), confirmations and the seal (confirm), addenda (addenda), put together in tab."""

from .tab import MeetingTab

__all__ = ["MeetingTab"]
