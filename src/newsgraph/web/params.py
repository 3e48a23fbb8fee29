"""Query and path parameters of the API and the pages, built from :mod:`newsgraph.filters`.

A check that fails is a 422 naming the parameter (the API answers it as JSON, a page as an
HTML error page); the same checks back the CLI's options.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import AfterValidator

from newsgraph import filters, settings
from newsgraph.ingest.outlets import KINDS as OUTLET_KINDS


def _checked(check: Callable[[str], Any]) -> AfterValidator:
    """Run a filter's check on a given value (an absent or empty one stays None)."""
    return AfterValidator(lambda value: check(value) if value else None)


Text = Annotated[str | None, Query(max_length=filters.MAX_TEXT_CHARS)]
IdFilter = Annotated[str | None, Query(max_length=filters.MAX_ID_CHARS,
                                       description="An id or a unique prefix of one.")]
IdPath = Annotated[str, Path(max_length=filters.MAX_ID_CHARS)]
# An actor is named by id, name or alias: text, not an id.
NamePath = Annotated[str, Path(max_length=filters.MAX_TEXT_CHARS)]
DateFrom = Annotated[str | None, Query(alias="from", max_length=32,
                                       description="On or after this date (ISO 8601)."),
                     _checked(filters.iso_date)]
DateTo = Annotated[str | None, Query(alias="to", max_length=32,
                                     description="On or before this date (ISO 8601)."),
                   _checked(filters.iso_date)]
EventType = Annotated[str | None, Query(max_length=32,
                                        description="A PLOVER event type: "
                                        + ", ".join(filters.EVENT_TYPES)),
                      _checked(filters.event_type)]
TimeStatus = Annotated[str | None, Query(pattern=f"^({'|'.join(filters.TIME_STATUSES)})$")]
Order = Annotated[str, Query(pattern=f"^({'|'.join(filters.ORDERS)})$")]
Limit = Annotated[int, Query(ge=1, le=settings.API_MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=filters.MAX_COUNT, description="Rows to skip.")]
Count = Annotated[int, Query(ge=1, le=filters.MAX_COUNT)]
Near = Annotated[str | None, Query(max_length=filters.MAX_TEXT_CHARS,
                                   description="Placed near this place: a name or id the "
                                   "gazetteer knows, or LAT,LON."),
                 _checked(filters.point)]
Within = Annotated[float | None, Query(gt=0, le=filters.MAX_KM,
                                description="How near `near` is, in km.")]
Bbox = Annotated[str | None, Query(max_length=120,
                                   description="Placed inside WEST,SOUTH,EAST,NORTH (degrees)."),
                 _checked(filters.box)]
Country = Annotated[str | None, Query(max_length=filters.MAX_TEXT_CHARS,
                                      description="Placed in this country: ISO 3166 code or "
                                      "name."),
                    _checked(filters.country)]
OutletKind = Annotated[str | None, Query(pattern=f"^({'|'.join(OUTLET_KINDS)})?$",
                                         description="An outlet profile's kind.")]
