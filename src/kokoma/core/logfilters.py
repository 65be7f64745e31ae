"""Filters for the log: what a log line may carry."""

from __future__ import annotations

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """A refused request (403) is an expected answer, written to the audit log with the person
    (audit.middleware): its log line stays one line, without Django's traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
