"""Names of the attendance feature: kinds of due work and DMs, action and modal ids."""

from __future__ import annotations

#: Kinds of due work of this feature.
ANNOUNCE = "attendance.announce"
ICS = "attendance.ics"
REMIND = "attendance.remind"
LIST = "attendance.list"
DM = "attendance.dm"

#: What a per-person DM row sends.
DM_REMIND = "remind"
DM_LIST = "list"
DM_FORECAST = "forecast"

#: Action ids of the attendance buttons and the callback id of the afbud modal.
YES_ACTION = "attendance_yes"
NO_ACTION = "attendance_no"
MODAL_CALLBACK = "attendance_afbud"
