"""The OpenAPI 3.1 description of /api/v1. A test checks it lists exactly the routes."""

from __future__ import annotations

from typing import Any

from jobkit import __version__
from jobkit.model.check_results import MAX_TARGET_PAGES, MIN_TARGET_PAGES
from jobkit.model.feedback_record import FeedbackRecord
from jobkit.model.report_record import ReportRecord
from jobkit.model.schema import schema_for

ERROR = {"$ref": "#/components/schemas/Error"}


def _errors(*statuses: int) -> dict[str, Any]:
    return {
        str(s): {"description": d, "content": {"application/json": {"schema": ERROR}}}
        for s, d in ((400, "Bad request"), (404, "Not found"), (413, "Upload too large"), (415, "Not a PDF, DOCX or text file"),
                     (422, "The file could not be read"),
                     (429, "Too many checks from this address; the Retry-After header says how many seconds to wait"),
                     (500, "Server error"))
        if s in statuses
    }


def _json(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema or {"type": "object"}}}}


def spec() -> dict[str, Any]:
    set_id = {"name": "set_id", "in": "path", "required": True, "schema": {"type": "string"}}
    program_id = {"name": "program_id", "in": "path", "required": True, "schema": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "jobkit API", "version": __version__,
                 "description": "Resume checks for Medical Records Technicians: the same results as `jobkit check --json`."},
        "paths": {
            "/api/v1/check": {"post": {
                "summary": "Check a resume against a role or a job posting",
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object", "required": ["resume"],
                    "properties": {
                        "resume": {"type": "string", "format": "binary", "description": "PDF, DOCX or text, up to 10 MB"},
                        "role": {"type": "string", "default": "medical-records-technician",
                                 "description": "Role id (GET /api/v1/roles); used when no job is given"},
                        "job": {"type": "string", "description": "Job posting text (instead of a role)"},
                        "pages": {"type": "integer", "minimum": MIN_TARGET_PAGES, "maximum": MAX_TARGET_PAGES,
                                  "description": "Target pages; default 1, or 2 under federal rules"},
                        "federal": {"type": "string", "enum": ["auto", "yes", "no"], "default": "auto",
                                    "description": "Federal (USAJOBS) rules: auto follows the posting"},
                        "format": {"type": "string", "enum": ["json", "csv", "html"], "default": "json"},
                    }}}}},
                "parameters": [{"name": "format", "in": "query", "required": False,
                                "schema": {"type": "string", "enum": ["json", "csv", "html"], "default": "json"},
                                "description": "csv: the batch CSV header and one row; html: a standalone report page"}],
                "responses": {"200": {"description": "The report (JSON object, CSV row or HTML page)", "content": {
                                  "application/json": {"schema": {"$ref": "#/components/schemas/Report"}},
                                  "text/csv": {"schema": {"type": "string"}},
                                  "text/html": {"schema": {"type": "string"}}}},
                              **_errors(400, 404, 413, 415, 422, 429, 500)},
            }},
            "/api/v1/programs": {"get": {"summary": "List program rubrics (career centers)",
                                         "responses": {"200": _json("Programs with their criteria")}}},
            "/api/v1/programs/{program_id}": {"get": {
                "summary": "One program rubric: its role or posting, terms, credentials and criteria",
                "parameters": [program_id], "responses": {"200": _json("The program"), **_errors(404)},
            }},
            "/api/v1/programs/{program_id}/check": {"post": {
                "summary": "Check a resume against a program: pass or fail per criterion, with the report",
                "parameters": [program_id],
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object", "required": ["resume"],
                    "properties": {
                        "resume": {"type": "string", "format": "binary", "description": "PDF, DOCX or text, up to 10 MB"},
                        "pages": {"type": "integer", "minimum": MIN_TARGET_PAGES, "maximum": MAX_TARGET_PAGES,
                                  "description": "Target pages for the check; default: the program's"},
                        "federal": {"type": "string", "enum": ["auto", "yes", "no"], "default": "auto"},
                    }}}}},
                "responses": {"200": _json("The program, its rubric (null for a scan with no text) and the report", {
                    "type": "object", "required": ["program", "rubric", "report"],
                    "properties": {"program": {"type": "object"},
                                   "rubric": {"oneOf": [{"$ref": "#/components/schemas/Rubric"}, {"type": "null"}]},
                                   "report": {"$ref": "#/components/schemas/Report"}}}),
                              **_errors(400, 404, 413, 415, 422, 429, 500)},
            }},
            "/api/v1/roles": {"get": {"summary": "List role keyword sets", "responses": {"200": _json("Roles")}}},
            "/api/v1/health": {"get": {"summary": "Liveness: the app answers and its data files load",
                                       "responses": {"200": _json("Status, version and data counts")}}},
            "/api/v1/roles/{role_id}": {"get": {
                "summary": "One role with its terms",
                "parameters": [{"name": "role_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json("The role"), **_errors(404)},
            }},
            "/api/v1/questions": {"get": {"summary": "List interview question sets", "responses": {"200": _json("Sets")}}},
            "/api/v1/questions/{set_id}": {"get": {
                "summary": "One question set with its questions", "parameters": [set_id],
                "responses": {"200": _json("The set"), **_errors(404)},
            }},
            "/api/v1/questions/{set_id}/{question_id}/feedback": {"post": {
                "summary": "Self-check a practice answer",
                "parameters": [set_id, {"name": "question_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["answer"], "properties": {"answer": {"type": "string", "maxLength": 5000}}}}}},
                "responses": {"200": _json("Key points covered, story shape, length",
                                           {"$ref": "#/components/schemas/Feedback"}), **_errors(400, 404)},
            }},
            "/api/v1/openapi.json": {"get": {"summary": "This document", "responses": {"200": _json("OpenAPI document")}}},
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                "type": "object", "required": ["status", "code", "message"],
                "properties": {"status": {"type": "integer"}, "code": {"type": "string"}, "title": {"type": "string"},
                               "message": {"type": "string"}}}}},
            "Report": schema_for(ReportRecord),
            "Feedback": schema_for(FeedbackRecord),
            "Rubric": {"type": "object", "required": ["program", "passed", "criteria"], "properties": {
                "program": {"type": "string"}, "passed": {"type": "boolean"},
                "criteria": {"type": "array", "items": {
                    "type": "object", "required": ["id", "label", "passed", "evidence"],
                    "properties": {"id": {"type": "string"}, "label": {"type": "string"}, "passed": {"type": "boolean"},
                                   "evidence": {"type": "string"}}}}}},
        }},
    }
