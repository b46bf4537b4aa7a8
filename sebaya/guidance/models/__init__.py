"""The BK program cycle's records, one module per use case:

- `choices`: components of the BK program, semesters, school years;
- `program`: the annual program (program tahunan), its items, their semester placement, and
  the service plans (RPL, rencana pelaksanaan layanan);
- `activities`: classroom and group guidance, group counseling, support and discussion groups,
  workshops: their meetings, materials, registrations and attendance;
- `campaigns`: awareness campaigns with their pre/post survey rounds;
- `calendar`: each user's secret iCalendar feed address.

Needs assessments are screening rounds of a needs questionnaire (an instrument of kind "needs",
see screening/instruments); their results are read by `guidance.needs`.
"""

from sebaya.guidance.models.activities import (
    Activity,
    Attendance,
    Material,
    Meeting,
    Registration,
)
from sebaya.guidance.models.calendar import CalendarFeed
from sebaya.guidance.models.campaigns import Campaign
from sebaya.guidance.models.choices import Component, Semester, validate_school_year
from sebaya.guidance.models.program import AnnualProgram, ProgramItem, SemesterPlacement, ServicePlan

__all__ = [
    "Activity",
    "AnnualProgram",
    "Attendance",
    "CalendarFeed",
    "Campaign",
    "Component",
    "Material",
    "Meeting",
    "ProgramItem",
    "Registration",
    "Semester",
    "SemesterPlacement",
    "ServicePlan",
    "validate_school_year",
]
