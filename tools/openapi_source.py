#!/usr/bin/env python3
"""Writes Sources/KnooppuntServer/Resources/openapi.json.

The document is the source of truth for the JSON API; this script only keeps the JSON tidy. Edit the
structures below, run `python3 tools/openapi_source.py`, and commit both files. OpenAPITests fails when
a route and the document disagree.
"""
import json
import pathlib

def problem(description):
    return {"description": description,
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}

def ok(description, schema, status="200", media="application/json"):
    return {status: {"description": description, "content": {media: {"schema": schema}}}}

def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}

AUTH = [{"bearer": []}, {"cookie": []}]
E401 = {"401": problem("Not logged in, or the token is invalid, expired or revoked.")}
E403 = {"403": problem("Logged in, but not allowed to do this.")}
EBODY = {"400": problem("Malformed JSON or not a JSON object."),
         "413": problem("The body is larger than 1 MB."),
         "415": problem("The body is not JSON."),
         "422": problem("Unknown field, wrong type, missing or out-of-range value.")}

E404 = {"404": problem("No such incident, or not one you may see.")}
E409 = {"409": problem("Edited version is not the current one; the current version is in the detail and "
                       "the X-Current-Version header.")}
INCIDENT = {"name": "incident", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
RECORD = {"name": "record", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
AT = {"name": "at", "in": "query", "schema": {"type": "string", "format": "date-time"}}
ENTRY = {"name": "entry", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}

doc = {
    "openapi": "3.1.0",
    "info": {
        "title": "Knooppunt API",
        "version": "1.0.0",
        "description": "JSON API of Knooppunt, the netcentric crisis-management platform. Errors are "
                       "application/problem+json (RFC 9457). Log in with POST /session and send "
                       "'Authorization: Bearer <token>'. Browser sessions (cookie) must send the "
                       "X-CSRF-Token header on writes.",
        "license": {"name": "EUPL-1.2"},
    },
    "servers": [{"url": "/api/v1"}],
    "components": {
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "cookie": {"type": "apiKey", "in": "cookie", "name": "kp_session"},
        },
        "schemas": {
            "Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
                "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                "detail": {"type": "string", "description": "What is wrong, in words a person can act on."},
                "field": {"type": "string", "description": "The request field at fault, when there is one."}}},
            "OpenAPIDocument": {"type": "object", "required": ["openapi", "info", "paths", "components"],
                "description": "An OpenAPI 3.1 document (this one).", "properties": {
                "openapi": {"type": "string", "pattern": "^3\\.1\\.[0-9]+$"},
                "info": {"type": "object", "required": ["title", "version"], "properties": {
                    "title": {"type": "string"}, "version": {"type": "string"}, "description": {"type": "string"}}},
                "servers": {"type": "array", "items": {"type": "object", "required": ["url"],
                                                        "properties": {"url": {"type": "string"}}}},
                "paths": {"type": "object", "additionalProperties": {"type": "object"}},
                "components": {"type": "object", "properties": {
                    "schemas": {"type": "object", "additionalProperties": {"type": "object"}},
                    "securitySchemes": {"type": "object", "additionalProperties": {"type": "object"}}}}}},
            "Health": {"type": "object", "required": ["status", "database", "journal"], "properties": {
                "status": {"const": "ok"}, "database": {"enum": ["sqlite", "postgresql"]},
                "journal": {"type": "integer", "description": "Sequence number of the newest journal event."}}},
            "Region": {"type": "object", "required": ["code", "name", "province", "provinceCode"], "properties": {
                "code": {"type": "string", "pattern": "^VR(0[1-9]|1[0-9]|2[0-5])$"}, "name": {"type": "string"},
                "province": {"type": "string"}, "provinceCode": {"type": "string"},
                "municipalities": {"type": "array", "items": ref("Municipality")}}},
            "Municipality": {"type": "object", "required": ["code", "name"], "properties": {
                "code": {"type": "string", "pattern": "^GM[0-9]{4}$"}, "name": {"type": "string"}}},
            "FeatureCollection": {"type": "object", "required": ["type", "features"], "properties": {
                "type": {"const": "FeatureCollection"}, "features": {"type": "array"}}},
            "SessionRequest": {"type": "object", "additionalProperties": False, "required": ["username", "password"],
                "properties": {"username": {"type": "string"}, "password": {"type": "string"}}},
            "Session": {"type": "object", "required": ["token", "expiresAt", "user"], "properties": {
                "token": {"type": "string"}, "expiresAt": {"type": "string", "format": "date-time"},
                "user": ref("User")}},
            "User": {"type": "object", "required": ["id", "username", "displayName", "role", "roleLabel",
                                                    "organisation", "organisationName", "disabled"], "properties": {
                "id": {"type": "string", "format": "uuid"}, "username": {"type": "string"},
                "displayName": {"type": "string"}, "role": ref("Role"), "roleLabel": {"type": "string"},
                "organisation": {"type": "string"}, "organisationName": {"type": "string"},
                "disabled": {"type": "boolean"}}},
            "Role": {"enum": ["informatiemanager", "hoofd-informatie", "algemeen-commandant", "operationeel-leider",
                              "liaison", "hin-gedetacheerd", "voorzitter", "kcr2-analist", "partner-user", "beheerder",
                              "noodaccount", "burgemeester", "minister", "rijkscrisisstaf", "commissaris-van-de-koning",
                              "directeur-veiligheidsregio", "dpg", "toetser", "voorzitter-regiegroep", "risicoadviseur",
                              "calamiteitencoordinator"]},
            "CreateUser": {"type": "object", "additionalProperties": False,
                "required": ["username", "displayName", "organisation", "role", "password"], "properties": {
                "username": {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{1,63}$"},
                "displayName": {"type": "string", "minLength": 1, "maxLength": 200},
                "organisation": {"type": "string", "description": "Organisation code, e.g. VR13."},
                "role": ref("Role"), "password": {"type": "string", "minLength": 10}}},
            "Organisation": {"type": "object", "required": ["code", "name", "kind"], "properties": {
                "code": {"type": "string"}, "name": {"type": "string"},
                "kind": {"enum": ["region", "national-node", "partner", "meldkamer", "ministry", "other"]},
                "region": {"type": "string"}}},
            "Geometry": {"type": "object", "required": ["type", "coordinates"], "description":
                "A GeoJSON geometry (RFC 7946), WGS84 lon/lat.", "properties": {
                "type": {"enum": ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]},
                "coordinates": {"type": "array"}}},
            "RegionCode": {"type": "string", "pattern": "^VR(0[1-9]|1[0-9]|2[0-5])$"},
            "Category": {"enum": ["brand", "gevaarlijke-stoffen", "ongeval", "overstroming", "extreem-weer", "gezondheid",
                                  "uitval-nutsvoorziening", "digitale-ontwrichting", "openbare-orde", "terrorisme",
                                  "evenement", "overig"]},
            "Classification": {"enum": ["incident", "crisis", "ramp"]},
            "VitalInterest": {"enum": ["territoriale-veiligheid", "fysieke-veiligheid", "ecologische-veiligheid",
                                       "economische-veiligheid", "sociale-politieke-stabiliteit",
                                       "internationale-rechtsorde"]},
            "GRIP": {"type": "integer", "minimum": 0, "maximum": 5},
            "Phase": {"enum": ["respons", "nafase"], "description":
                "Where the incident is in the cycle: respons, then nafase (decision 0021). Koud, lauw and warm are "
                "the phase of a region towards a threat (/regions/{code}/phase), not of an incident: they are refused "
                "as input, and versions that recorded them read as respons."},
            "Status": {"enum": ["open", "closed", "archived"]},
            "Theme": {"type": "string", "pattern": "^(algemeen|brandweer|politie|geneeskundig|bevolkingszorg|meldkamer|partner:.+)$"},
            "Verification": {"enum": ["unverified", "verified", "contradicted", "withdrawn"]},
            "Priority": {"enum": ["laag", "normaal", "hoog", "spoed"]},
            "CreateIncident": {"type": "object", "additionalProperties": False, "required": ["title", "category"],
                "properties": {"title": {"type": "string", "minLength": 3, "maxLength": 200},
                    "category": ref("Category"), "location": ref("Geometry"),
                    "startedAt": {"type": "string", "format": "date-time"}, "classification": ref("Classification"),
                    "vitalInterests": {"type": "array", "items": ref("VitalInterest")}, "grip": ref("GRIP"),
                    "gripReason": {"type": "string"}, "phase": ref("Phase"),
                    "involvedRegions": {"type": "array", "items": ref("RegionCode"),
                                        "description": "Defaults to your own region, which must be included."},
                    "exercise": {"type": "boolean", "description": "Exercises are kept apart from real incidents."}}},
            "UpdateIncident": {"type": "object", "additionalProperties": False, "required": ["baseVersion"],
                "description": "Fields left out stay as they are. A stale baseVersion gets 409.",
                "properties": {"baseVersion": {"type": "integer"}, "title": {"type": "string"},
                    "category": ref("Category"), "location": ref("Geometry"),
                    "startedAt": {"type": "string", "format": "date-time"}, "classification": ref("Classification"),
                    "vitalInterests": {"type": "array", "items": ref("VitalInterest")}, "grip": ref("GRIP"),
                    "gripReason": {"type": "string", "description": "Required when grip changes."},
                    "phase": ref("Phase"), "involvedRegions": {"type": "array", "items": ref("RegionCode")},
                    "leadRegion": ref("RegionCode"), "status": ref("Status"),
                    "linkedPartners": {"type": "array", "items": {"type": "string"},
                                       "description": "Partner themes linked to the picture (IM or HIN only)."},
                    "significance": ref("Significance"), "stage": ref("Stage"), "declaration": ref("Declaration"),
                    "authorityReason": {"type": "string", "maxLength": 1000, "description":
                        "Required when the significance, stage or declaration changes."},
                    "reviewIntervalHours": {"type": "integer", "minimum": 1, "maximum": 168, "description":
                        "Hours between reviews of the scale and authority; default 4 in the acute stage, 24 in the beheerfase."}}},
            "Significance": {"enum": ["plaatselijk", "meer-dan-plaatselijk"], "description":
                "Of local or more than local significance (002:L1187-1189). Once recorded it cannot be unrecorded, "
                "and the GRIP level must agree with it: GRIP 0-3 local, GRIP 4-5 more than local (422 naming the field set)."},
            "Stage": {"enum": ["acute", "beheer"], "description": "Acute stage or beheerfase (002:L849-857)."},
            "Declaration": {"enum": ["none", "crisis", "ramp"], "description":
                "Declared by the competent authority; a declared crisis or ramp is classified so. A ramp gives the "
                "holders the opperbevel (002:L335-348)."},
            "Incident": {"type": "object", "required": ["id", "reference", "exercise", "version", "title", "category",
                "startedAt", "classification", "vitalInterests", "grip", "phase", "involvedRegions", "leadRegion",
                "status", "updatedAt", "updatedBy", "proposesInterregionalScaling"], "properties": {
                "id": {"type": "string", "format": "uuid"}, "reference": {"type": "string"},
                "exercise": {"type": "boolean"}, "version": {"type": "integer"}, "title": {"type": "string"},
                "category": ref("Category"), "location": ref("Geometry"),
                "startedAt": {"type": "string", "format": "date-time"}, "classification": ref("Classification"),
                "vitalInterests": {"type": "array", "items": ref("VitalInterest")}, "grip": ref("GRIP"),
                "gripReason": {"type": "string"}, "phase": ref("Phase"),
                "involvedRegions": {"type": "array", "items": ref("RegionCode")}, "leadRegion": ref("RegionCode"),
                "status": ref("Status"), "linkedPartners": {"type": "array", "items": {"type": "string"}},
                "updatedAt": {"type": "string", "format": "date-time"},
                "updatedBy": {"type": "string"}, "proposesInterregionalScaling": {"type": "boolean"},
                "significance": {**ref("Significance"), "description": "Recorded significance; absent while the GRIP level stands for it."},
                "stage": ref("Stage"), "declaration": ref("Declaration"), "authorityReason": {"type": "string"},
                "reviewIntervalHours": {"type": "integer", "description": "Set interval; absent: the stage's default."},
                "meldkamer": {"type": "object", "additionalProperties": False, "required": ["meldkamer", "inCharge"],
                    "description": "Set for an incident promoted from a meldkamer proposal (decision 0034).",
                    "properties": {"meldkamer": {"type": "string"}, "inCharge": {"type": "boolean",
                        "description": "The calamiteitencoördinator still keeps the meldkamer theme; false once the IM took it over."}}}}},
            "AuthorityText": {"type": "object", "additionalProperties": False, "required": ["nl", "en"], "properties": {
                "nl": {"type": "string"}, "en": {"type": "string"}}},
            "Authority": {"type": "object", "additionalProperties": False,
                "description": "Who holds bestuurlijk gezag now (wie beslist nu), derived from the incident's GRIP level, "
                               "regions, classification and the gemeenten of its area (decision 0020). Until an incident "
                               "records its significance, GRIP 0-3 counts as local and GRIP 4-5 as more than local "
                               "(`significanceFrom`: grip).",
                "required": ["rule", "explanation", "holders", "irbt", "significance", "significanceFrom", "stage",
                             "declaration", "opperbevel", "notes", "violations"],
                "properties": {
                    "rule": {"enum": ["localBurgemeester", "regionalVoorzitter", "supraRegionalVoorzitters",
                                      "interregionalBeleidsteam", "unresolved"]},
                    "explanation": ref("AuthorityText"),
                    "holders": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                        "required": ["kind", "name", "opperbevel", "boundByAanwijzing"], "properties": {
                            "kind": {"enum": ["burgemeester", "voorzitter", "coordinerend-voorzitter", "minister"]},
                            "gemeente": {"type": "string", "pattern": "^GM[0-9]{4}$"}, "region": ref("RegionCode"),
                            "name": ref("AuthorityText"), "opperbevel": {"type": "boolean"},
                            "boundByAanwijzing": {"type": "array", "description": "Matters on which an aanwijzing of the minister "
                                                  "of JenV binds this holder (gebonden aan aanwijzing).",
                                                  "items": {"enum": ["scaling", "declaration", "public-warning", "bijstand"]}},
                            "decidesOnly": {"type": "array", "description": "For the minister: the matters of the aanwijzingen in force, "
                                            "the only ones the minister decides.",
                                            "items": {"enum": ["scaling", "declaration", "public-warning", "bijstand"]}}}}},
                    "irbt": {"type": "boolean"}, "significance": {"enum": ["plaatselijk", "meer-dan-plaatselijk"]},
                    "significanceFrom": {"enum": ["grip", "recorded"]},
                    "stage": ref("Stage"), "declaration": ref("Declaration"),
                    "opperbevel": {"type": "boolean", "description": "A ramp: the holders have the opperbevel, one line to the bestuur (C05)."},
                    "notes": {"type": "array", "items": ref("AuthorityText")},
                    "violations": {"type": "array", "items": {"type": "string"}},
                    "review": ref("ReviewStatus")}},
            "ReviewStatus": {"type": "object", "additionalProperties": False,
                "description": "When the scale and the distribution of authority are next reviewed (C13, 002:L845-848): an "
                               "interval after the last change of GRIP, significance, stage, declaration or regions, or after "
                               "the last recorded review. Absent at GRIP 0 and when the incident is not open.",
                "required": ["intervalHours", "countedFrom", "basis", "dueAt", "overdue"], "properties": {
                    "intervalHours": {"type": "integer"}, "countedFrom": {"type": "string", "format": "date-time"},
                    "basis": {"enum": ["change", "review"]}, "dueAt": {"type": "string", "format": "date-time"},
                    "overdue": {"type": "boolean"}}},
            "ReviewOutcome": {"enum": ["handhaven", "afschalen-voorgesteld", "opschalen-voorgesteld"]},
            "CreateReview": {"type": "object", "additionalProperties": False, "required": ["outcome", "reason"], "properties": {
                "baseVersion": {"type": "integer", "description": "The incident version reviewed; a stale one gets 409."},
                "outcome": ref("ReviewOutcome"), "reason": {"type": "string", "minLength": 3, "maxLength": 1000}}},
            "Review": {"type": "object", "additionalProperties": False,
                "required": ["id", "version", "outcome", "reason", "reviewedAt", "organisation"], "properties": {
                    "id": {"type": "string", "format": "uuid"}, "version": {"type": "integer"}, "outcome": ref("ReviewOutcome"),
                    "reason": {"type": "string"}, "reviewedAt": {"type": "string", "format": "date-time"},
                    "reviewedBy": {"type": "string", "description": "Display name."},
                    "organisation": {"type": "string", "description": "Organisation name."}}},
            "Reviews": {"type": "object", "additionalProperties": False, "required": ["reviews"], "properties": {
                "status": ref("ReviewStatus"), "reviews": {"type": "array", "items": ref("Review")}}},
            "AuthorityChange": {"type": "object", "additionalProperties": False,
                "required": ["at", "version", "grip", "organisation", "changes", "authority"], "properties": {
                    "at": {"type": "string", "format": "date-time"}, "version": {"type": "integer"}, "grip": ref("GRIP"),
                    "by": {"type": "string", "description": "Display name of who made the change."},
                    "organisation": {"type": "string", "description": "Organisation name."},
                    "changes": {"type": "array", "items": {"enum": ["opened", "grip", "significance", "stage", "declaration",
                                                                     "classification", "regions", "area"]}},
                    "gripReason": {"type": "string"}, "reason": {"type": "string"},
                    "decidedAs": {"type": "string", "description": "When the change was a decision of bestuurlijk gezag (directly or by an accepted proposal): the office it was decided as (Dutch name)."},
                    "underMandateOf": {"type": "string", "description": "The office whose mandate the decider used (Dutch name)."},
                    "authority": ref("Authority")}},
            "GRIPChange": {"type": "object", "required": ["version", "to", "at", "by", "organisation"], "properties": {
                "version": {"type": "integer"}, "from": ref("GRIP"), "to": ref("GRIP"), "reason": {"type": "string"},
                "at": {"type": "string", "format": "date-time"}, "by": {"type": "string"},
                "organisation": {"type": "string"}}},
            "CreateEntry": {"type": "object", "additionalProperties": False, "required": ["theme", "text", "source"],
                "properties": {"theme": ref("Theme"), "text": {"type": "string", "minLength": 1, "maxLength": 5000},
                    "source": {"type": "string", "minLength": 1, "maxLength": 200},
                    "observedAt": {"type": "string", "format": "date-time"}, "priority": ref("Priority"),
                    "location": ref("Geometry"),
                    "classification": {"enum": ["public", "internal", "confidential"], "description":
                        "Default internal. Nobody classifies above what they may read."},
                    "onBehalfOf": {"type": "string", "description": "The region's HIN or detached HIN enters this for a partner "
                        "linked under koppelsamenwerking, or under an ad-hoc-aansluiting the HIN detached to it; a partner's own "
                        "liaison names its own organisation (decision 0027 §6, §8). The theme must be that partner's."}}},
            "UpdateEntry": {"type": "object", "additionalProperties": False, "required": ["baseVersion"],
                "properties": {"baseVersion": {"type": "integer"}, "theme": ref("Theme"), "text": {"type": "string"},
                    "source": {"type": "string"}, "observedAt": {"type": "string", "format": "date-time"},
                    "priority": ref("Priority"), "location": ref("Geometry"),
                    "classification": {"enum": ["public", "internal", "confidential"]}}},
            "Verify": {"type": "object", "additionalProperties": False, "required": ["baseVersion", "status"],
                "properties": {"baseVersion": {"type": "integer"}, "status": ref("Verification")}},
            "Entry": {"type": "object", "required": ["id", "version", "theme", "text", "source", "observedAt",
                "priority", "verification", "author", "organisation", "updatedAt"], "properties": {
                "id": {"type": "string", "format": "uuid"}, "version": {"type": "integer"}, "theme": ref("Theme"),
                "text": {"type": "string"}, "source": {"type": "string"},
                "observedAt": {"type": "string", "format": "date-time"}, "priority": ref("Priority"),
                "location": ref("Geometry"), "verification": ref("Verification"), "verifiedBy": {"type": "string"},
                "verifiedAt": {"type": "string", "format": "date-time"}, "author": {"type": "string"},
                "inSharedPicture": {"type": "boolean"}, "admittedBy": {"type": "string"},
                "admittedAt": {"type": "string", "format": "date-time"}, "overdue": {"type": "boolean"},
                "classification": {"enum": ["public", "internal", "confidential"]},
                "awaitingAdmission": {"type": "boolean", "description": "Structurele samenwerking: seen by the region "
                    "and the author only, until the IM admits it."},
                "onBehalfOf": {"type": "string", "description": "Entered for this partner: by its own liaison (the author's organisation is the partner) or by the region's HIN."},
                "organisation": {"type": "string"}, "updatedAt": {"type": "string", "format": "date-time"}}},
            "Picture": {"type": "object", "required": ["at", "incident", "entries", "conflicts", "decisions", "actions",
                "themes", "lastUpdate", "stale"], "properties": {
                "at": {"type": "string", "format": "date-time"}, "incident": ref("Incident"),
                "entries": {"type": "array", "items": ref("Entry")},
                "conflicts": {"type": "array", "items": ref("Conflict"), "description": "Open at `at`."},
                "decisions": {"type": "array", "items": ref("Decision")},
                "actions": {"type": "array", "items": ref("Action")},
                "themes": {"type": "array", "items": ref("ThemeCurrency")},
                "lastUpdate": {"type": "string", "format": "date-time"},
                "stale": {"type": "boolean", "description": "Open and unchanged longer than the stale limit."},
                "summaries": {"type": "array", "items": ref("Summary"),
                              "description": "Each theme's actueel beeld, knelpunten and verwachting the reader may see; "
                                             "the totaalbeeld (theme algemeen) first (decision 0024)."},
                "decisionPoints": {"type": "array", "items": ref("DecisionPoint"),
                                   "description": "Besluitpunten, open ones first by deadline; empty for partners."}}},
            "WriteSummary": {"type": "object", "additionalProperties": False, "required": ["picture"],
                "description": "A theme's summary (decision 0024): the theme's owner writes it; the totaalbeeld "
                               "(theme algemeen) the information manager (IM or HIN).",
                "properties": {"baseVersion": {"type": "integer", "description": "The version this write changes; "
                                   "absent or 0 for the first summary of the theme."},
                               "picture": {"type": "string", "minLength": 1, "maxLength": 4000, "description": "Actueel beeld."},
                               "bottlenecks": {"type": "string", "maxLength": 4000, "description": "Knelpunten; blank for none."},
                               "outlook": {"type": "string", "maxLength": 4000, "description": "Verwachting (prognose); blank for none."},
                               "classification": {"enum": ["public", "internal", "confidential"],
                                                  "description": "Default internal; read like an entry of the theme."}}},
            "Summary": {"type": "object", "required": ["id", "version", "theme", "picture", "classification", "writtenBy",
                "writtenByOrganisation", "updatedAt"], "properties": {
                "id": {"type": "string", "format": "uuid"}, "version": {"type": "integer"}, "theme": ref("Theme"),
                "picture": {"type": "string"}, "bottlenecks": {"type": "string"}, "outlook": {"type": "string"},
                "classification": {"enum": ["public", "internal", "confidential"]},
                "writtenBy": {"type": "string"}, "writtenByOrganisation": {"type": "string"},
                "updatedAt": {"type": "string", "format": "date-time"}}},
            "CreateDecisionPoint": {"type": "object", "additionalProperties": False, "required": ["text", "team"],
                "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 1000},
                               "considerations": {"type": "string", "maxLength": 4000, "description": "The oordeel it rests on: options, advice."},
                               "team": ref("Team"),
                               "deadlineInMinutes": {"type": "integer", "minimum": 1, "maximum": 10080}}},
            "DecisionPointWithdrawal": {"type": "object", "additionalProperties": False, "required": ["baseVersion", "reason"],
                "properties": {"baseVersion": {"type": "integer"}, "reason": {"type": "string", "minLength": 1, "maxLength": 1000}}},
            "DecisionPoint": {"type": "object", "required": ["id", "version", "text", "team", "status", "overdue", "updatedBy",
                "updatedAt"], "properties": {
                "id": {"type": "string", "format": "uuid"}, "version": {"type": "integer"}, "text": {"type": "string"},
                "considerations": {"type": "string"}, "team": ref("Team"), "deadline": {"type": "string", "format": "date-time"},
                "status": {"enum": ["open", "decided", "withdrawn"], "description": "Decided when a decision that is not "
                           "revoked answers it."},
                "decision": {"type": "string", "format": "uuid"}, "withdrawnReason": {"type": "string"},
                "overdue": {"type": "boolean"}, "updatedBy": {"type": "string"},
                "updatedAt": {"type": "string", "format": "date-time"}}},
            "Admission": {"type": "object", "additionalProperties": False, "required": ["baseVersion", "admitted"],
                "properties": {"baseVersion": {"type": "integer"}, "admitted": {"type": "boolean"}}},
            "MarkConflict": {"type": "object", "additionalProperties": False, "required": ["entries", "note"],
                "properties": {"entries": {"type": "array", "minItems": 2, "maxItems": 2,
                                           "items": {"type": "string", "format": "uuid"}},
                               "note": {"type": "string", "minLength": 1, "maxLength": 1000}}},
            "Resolution": {"type": "object", "additionalProperties": False, "required": ["resolution"],
                "properties": {"resolution": {"type": "string", "minLength": 1, "maxLength": 1000}}},
            "Conflict": {"type": "object", "required": ["id", "entries", "note", "markedBy", "markedAt"], "properties": {
                "id": {"type": "string", "format": "uuid"},
                "entries": {"type": "array", "items": {"type": "string", "format": "uuid"}},
                "note": {"type": "string"}, "markedBy": {"type": "string"},
                "markedAt": {"type": "string", "format": "date-time"}, "resolvedBy": {"type": "string"},
                "resolvedAt": {"type": "string", "format": "date-time"}, "resolution": {"type": "string"}}},
            "Team": {"enum": ["copi", "rot", "gbt", "rbt", "irbt", "other"]},
            "ActionStatus": {"enum": ["open", "in-progress", "done", "cancelled"]},
            "CreateDecision": {"type": "object", "additionalProperties": False, "required": ["team", "text", "decidedBy"],
                "properties": {"team": ref("Team"), "text": {"type": "string", "minLength": 1, "maxLength": 5000},
                               "decidedAt": {"type": "string", "format": "date-time"},
                               "decidedBy": {"type": "string", "minLength": 1, "maxLength": 200},
                               "reason": {"type": "string", "maxLength": 2000,
                                          "description": "Why: the motivation the councils read in the art. 40 report."},
                               "decisionPoint": {"type": "string", "format": "uuid",
                                                 "description": "The open besluitpunt this decision answers."}}},
            "UpdateDecision": {"type": "object", "additionalProperties": False, "required": ["baseVersion"],
                "properties": {"baseVersion": {"type": "integer"}, "team": ref("Team"), "text": {"type": "string"},
                               "decidedAt": {"type": "string", "format": "date-time"}, "decidedBy": {"type": "string"},
                               "revoked": {"type": "boolean"},
                               "reason": {"type": "string", "maxLength": 2000, "description": "A new motivation; blank removes it."}}},
            "Decision": {"type": "object", "required": ["id", "version", "team", "text", "decidedAt", "decidedBy",
                "revoked", "recordedBy", "updatedAt"], "properties": {
                "id": {"type": "string", "format": "uuid"}, "version": {"type": "integer"}, "team": ref("Team"),
                "text": {"type": "string"}, "decidedAt": {"type": "string", "format": "date-time"},
                "decidedBy": {"type": "string"}, "reason": {"type": "string"}, "revoked": {"type": "boolean"},
                "authority": {"type": "string", "description": "The authority it was taken under, recorded when it was taken "
                              "(decision 0020, C10): the competent authority for a policy team, operational command for CoPI/ROT."},
                "outsideAuthority": {"type": "boolean", "description": "A policy team's decision while that team did not hold "
                                     "authority, or with none on record."},
                "decisionPoint": {"type": "string", "format": "uuid", "description": "The besluitpunt it answers."},
                "recordedBy": {"type": "string"}, "updatedAt": {"type": "string", "format": "date-time"}}},
            "CreateConsultation": {"type": "object", "additionalProperties": False, "required": ["councils"],
                "description": "Either a consultation (position, consultedAt default now) or urgent with urgencyReason.",
                "properties": {
                    "councils": {"type": "array", "minItems": 1, "maxItems": 60,
                                 "items": {"type": "string", "pattern": "^GM[0-9]{4}$"},
                                 "description": "Gemeente codes: affected by the incident or in one of its regions."},
                    "consultedAt": {"type": "string", "format": "date-time", "description": "Not in the future; default now."},
                    "position": {"type": "string", "maxLength": 5000, "description": "The councils' position or the outcome."},
                    "urgent": {"type": "boolean", "description": "Spoed: niet geraadpleegd."},
                    "urgencyReason": {"type": "string", "maxLength": 2000,
                                      "description": "Required with urgent: why the urgency did not allow consulting."}}},
            "Consultation": {"type": "object", "required": ["id", "decision", "councils", "urgent", "recordedBy", "recordedAt"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"}, "decision": {"type": "string", "format": "uuid"},
                    "councils": {"type": "array", "items": {"type": "string", "pattern": "^GM[0-9]{4}$"}},
                    "consultedAt": {"type": "string", "format": "date-time"}, "position": {"type": "string"},
                    "urgent": {"type": "boolean"}, "urgencyReason": {"type": "string"}, "recordedBy": {"type": "string"},
                    "recordedAt": {"type": "string", "format": "date-time"}}},
            "CreateAction": {"type": "object", "additionalProperties": False, "required": ["text", "owner"],
                "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 2000},
                               "owner": {"type": "string", "description": "Organisation code."},
                               "deadline": {"type": "string", "format": "date-time"},
                               "decision": {"type": "string", "format": "uuid"}}},
            "UpdateAction": {"type": "object", "additionalProperties": False, "required": ["baseVersion"],
                "properties": {"baseVersion": {"type": "integer"}, "text": {"type": "string"}, "owner": {"type": "string"},
                               "deadline": {"type": "string", "format": "date-time"}, "status": ref("ActionStatus")}},
            "Action": {"type": "object", "required": ["id", "version", "text", "owner", "status", "overdue",
                "updatedBy", "updatedAt"], "properties": {
                "id": {"type": "string", "format": "uuid"}, "version": {"type": "integer"}, "text": {"type": "string"},
                "owner": {"type": "string"}, "deadline": {"type": "string", "format": "date-time"},
                "status": ref("ActionStatus"), "decision": {"type": "string", "format": "uuid"},
                "overdue": {"type": "boolean"}, "updatedBy": {"type": "string"},
                "updatedAt": {"type": "string", "format": "date-time"}}},
            "LogbookLine": {"type": "object", "required": ["sequence", "at", "actor", "organisation", "kind", "summary"],
                "properties": {"sequence": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
                               "actor": {"type": "string"}, "organisation": {"type": "string"},
                               "kind": {"type": "string"}, "summary": {"type": "string"}}},
            "ThemeCurrency": {"type": "object", "required": ["theme", "entries", "overdueUnverified"], "properties": {
                "theme": ref("Theme"), "entries": {"type": "integer"},
                "lastUpdated": {"type": "string", "format": "date-time"}, "overdueUnverified": {"type": "integer"}}},
            "CreateToken": {"type": "object", "additionalProperties": False, "required": ["name", "expiresInDays"],
                "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 100},
                               "expiresInDays": {"type": "integer", "minimum": 1, "maximum": 365}}},
            "Token": {"type": "object", "required": ["id", "name", "createdAt", "expiresAt"], "properties": {
                "id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
                "createdAt": {"type": "string", "format": "date-time"},
                "expiresAt": {"type": "string", "format": "date-time"},
                "lastUsedAt": {"type": "string", "format": "date-time"},
                "token": {"type": "string", "description": "The secret; only in the response that creates it."}}},
        },
    },
    "paths": {
        "/health": {"get": {"operationId": "health", "summary": "Liveness, database kind and journal position.",
                            "security": [], "responses": ok("Healthy.", ref("Health"))}},
        "/openapi.json": {"get": {"operationId": "openAPI", "summary": "This document.", "security": [],
                                  "responses": ok("The OpenAPI document.", ref("OpenAPIDocument"))}},
        "/regions": {"get": {"operationId": "listRegions", "summary": "The 25 veiligheidsregio's (open data).",
                             "security": [], "responses": ok("Regions VR01–VR25.", {"type": "array", "items": ref("Region")})}},
        "/regions/boundaries": {"get": {"operationId": "regionBoundaries", "security": [],
                                        "summary": "Region boundaries, WGS84, CBS / PDOK CC BY 4.0.",
                                        "responses": ok("GeoJSON.", ref("FeatureCollection"), media="application/geo+json")}},
        "/regions/{code}": {"get": {"operationId": "getRegion", "security": [],
                                    "summary": "One region with its municipalities.",
                                    "parameters": [{"name": "code", "in": "path", "required": True,
                                                    "schema": {"type": "string"}}],
                                    "responses": {**ok("The region.", ref("Region")),
                                                  "404": problem("No region with that code.")}}},
        "/session": {
            "post": {"operationId": "login", "summary": "Log in; returns a bearer token.", "security": [],
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("SessionRequest")}}},
                     "responses": {**ok("Logged in.", ref("Session"), status="201"), **EBODY,
                                   "401": problem("Unknown user, wrong password or disabled account."),
                                   "429": problem("Too many failed logins; see Retry-After.")}},
            "delete": {"operationId": "logout", "summary": "Revoke the token used for this request.",
                       "security": AUTH, "responses": {"204": {"description": "Logged out."}, **E401}}},
        "/me": {"get": {"operationId": "me", "summary": "The logged-in user.", "security": AUTH,
                        "responses": {**ok("The user.", ref("User")), **E401}}},
        "/tokens": {
            "get": {"operationId": "listTokens", "summary": "Your active personal API tokens (without secrets).",
                    "security": AUTH, "responses": {**ok("Tokens.", {"type": "array", "items": ref("Token")}), **E401}},
            "post": {"operationId": "createToken", "summary": "Create a personal API token; the secret is shown once.",
                     "security": AUTH,
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CreateToken")}}},
                     "responses": {**ok("Created.", ref("Token"), status="201"), **EBODY, **E401}}},
        "/tokens/{id}": {"delete": {"operationId": "revokeToken", "summary": "Revoke one of your tokens.",
                                    "security": AUTH,
                                    "parameters": [{"name": "id", "in": "path", "required": True,
                                                    "schema": {"type": "string", "format": "uuid"}}],
                                    "responses": {"204": {"description": "Revoked."}, **E401,
                                                  "404": problem("No active token of yours with that id.")}}},
        "/incidents": {
            "get": {"operationId": "listIncidents", "security": AUTH,
                    "summary": "Incidents you may see, current versions. Real incidents unless exercise=true.",
                    "parameters": [
                        {"name": "exercise", "in": "query", "schema": {"type": "boolean", "default": False}},
                        {"name": "region", "in": "query", "schema": ref("RegionCode")},
                        {"name": "grip", "in": "query", "schema": ref("GRIP")},
                        {"name": "phase", "in": "query", "schema": ref("Phase")},
                        {"name": "status", "in": "query", "schema": ref("Status")}],
                    "responses": {**ok("Incidents.", {"type": "array", "items": ref("Incident")}), **E401,
                                  "400": problem("A filter value is not valid.")}},
            "post": {"operationId": "createIncident", "security": AUTH, "summary": "Open an incident for your region.",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CreateIncident")}}},
                     "responses": {**ok("Created.", ref("Incident"), status="201"), **EBODY, **E401, **E403}}},
        "/incidents/{incident}": {
            "parameters": [INCIDENT],
            "get": {"operationId": "getIncident", "security": AUTH, "summary": "The current version.",
                    "responses": {**ok("The incident.", ref("Incident")), **E401, **E404}},
            "patch": {"operationId": "updateIncident", "security": AUTH,
                      "summary": "Make a new version (GRIP, phase, status, regions, …). GRIP 3 and up, and declaring a crisis "
                                 "or ramp, are decided by the competent authority or under a recorded mandate; others get 403 "
                                 "naming who decides, and put a proposal (decision 0020).",
                      "requestBody": {"required": True, "content": {"application/json": {"schema": ref("UpdateIncident")}}},
                      "responses": {**ok("The new version.", ref("Incident")), **EBODY, **E401, **E403, **E404, **E409}}},
        "/incidents/{incident}/versions": {"parameters": [INCIDENT], "get": {"operationId": "incidentVersions",
            "security": AUTH, "summary": "Every version, oldest first.",
            "responses": {**ok("Versions.", {"type": "array", "items": ref("Incident")}), **E401, **E404}}},
        "/incidents/{incident}/grip-history": {"parameters": [INCIDENT], "get": {"operationId": "gripHistory",
            "security": AUTH, "summary": "Every up- and down-scaling with who, when and why.",
            "responses": {**ok("Changes.", {"type": "array", "items": ref("GRIPChange")}), **E401, **E404}}},
        "/incidents/{incident}/authority": {"parameters": [INCIDENT], "get": {"operationId": "incidentAuthority",
            "security": AUTH, "summary": "Who decides now (wie beslist nu): the competent authority and the rule it follows from.",
            "responses": {**ok("The competent authority.", ref("Authority")), **E401, **E404}}},
        "/incidents/{incident}/authority/history": {"parameters": [INCIDENT], "get": {"operationId": "incidentAuthorityHistory",
            "security": AUTH, "summary": "How authority was distributed over time (C13): every change of the holders, rule, "
                                         "significance, stage or opperbevel, who made it, what changed and why. The area counts "
                                         "only plots the reader sees, up to internal.",
            "responses": {**ok("Changes, oldest first.", {"type": "array", "items": ref("AuthorityChange")}), **E401, **E404}}},
        "/incidents/{incident}/reviews": {"parameters": [INCIDENT],
            "get": {"operationId": "scaleReviews", "security": AUTH,
                    "summary": "The reviews of the scale and distribution of authority, and when the next is due.",
                    "responses": {**ok("Reviews and status.", ref("Reviews")), **E401, **E404}},
            "post": {"operationId": "recordScaleReview", "security": AUTH,
                     "summary": "Records a review of the scale and distribution of authority (C13, 002:L845-848); the next is "
                                "due an interval after it. Who may edit the incident may record one.",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CreateReview")}}},
                     "responses": {**ok("Recorded; the reviews and the status after it.", ref("Reviews"), status="201"),
                                   **EBODY, **E401, **E403, **E404,
                                   "409": problem("A stale baseVersion, or no review is due (GRIP 0, incident not open).")}}},
        "/incidents/{incident}/picture": {"parameters": [INCIDENT], "get": {"operationId": "picture",
            "security": AUTH, "summary": "The picture exactly as it stood at `at` (default now).",
            "parameters": [{"name": "at", "in": "query", "schema": {"type": "string", "format": "date-time"}}],
            "responses": {**ok("The picture.", ref("Picture")), **E401, **E404,
                          "400": problem("`at` is not an RFC 3339 date-time.")}}},
        "/incidents/{incident}/stream": {"parameters": [INCIDENT], "get": {"operationId": "incidentStream",
            "security": AUTH, "summary": "Live changes as Server-Sent Events; id = journal sequence. Send "
            "Last-Event-ID (or ?lastEventId=) to resume after that event.",
            "parameters": [{"name": "Last-Event-ID", "in": "header", "schema": {"type": "integer"}},
                           {"name": "lastEventId", "in": "query", "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "An endless event stream.",
                                  "content": {"text/event-stream": {"schema": {"type": "string"}}}}, **E401, **E404}}},
        "/stream": {"get": {"operationId": "incidentListStream", "security": AUTH,
            "summary": "Live changes of every incident you may see (real ones, or exercises with ?exercise=true).",
            "parameters": [{"name": "Last-Event-ID", "in": "header", "schema": {"type": "integer"}},
                           {"name": "lastEventId", "in": "query", "schema": {"type": "integer"}},
                           {"name": "exercise", "in": "query", "schema": {"type": "boolean", "default": False}}],
            "responses": {"200": {"description": "An endless event stream.",
                                  "content": {"text/event-stream": {"schema": {"type": "string"}}}}, **E401}}},
        "/incidents/{incident}/entries": {"parameters": [INCIDENT], "post": {"operationId": "addEntry",
            "security": AUTH, "summary": "Add an entry to a theme; it starts unverified.",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CreateEntry")}}},
            "responses": {**ok("Created.", ref("Entry"), status="201"), **EBODY, **E401, **E403, **E404}}},
        "/incidents/{incident}/entries/{entry}": {"parameters": [INCIDENT, ENTRY], "patch": {
            "operationId": "updateEntry", "security": AUTH, "summary": "Make a new version of an entry.",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("UpdateEntry")}}},
            "responses": {**ok("The new version.", ref("Entry")), **EBODY, **E401, **E403, **E404, **E409}}},
        "/incidents/{incident}/entries/{entry}/verification": {"parameters": [INCIDENT, ENTRY], "post": {
            "operationId": "verifyEntry", "security": AUTH,
            "summary": "Set the verification status (IM or HIN only).",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Verify")}}},
            "responses": {**ok("The new version.", ref("Entry")), **EBODY, **E401, **E403, **E404, **E409}}},
        "/incidents/{incident}/entries/{entry}/admission": {"parameters": [INCIDENT, ENTRY], "post": {
            "operationId": "admitEntry", "security": AUTH,
            "summary": "Admit an entry into the shared summary, or take it out (IM or HIN only).",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Admission")}}},
            "responses": {**ok("The new version.", ref("Entry")), **EBODY, **E401, **E403, **E404, **E409}}},
        "/incidents/{incident}/conflicts": {"parameters": [INCIDENT], "post": {"operationId": "markConflict",
            "security": AUTH, "summary": "Mark two entries as conflicting; both stay visible until resolved.",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("MarkConflict")}}},
            "responses": {**ok("Marked.", ref("Conflict"), status="201"), **EBODY, **E401, **E403, **E404, **E409}}},
        "/incidents/{incident}/conflicts/{conflict}/resolution": {"parameters": [INCIDENT,
            {"name": "conflict", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}],
            "post": {"operationId": "resolveConflict", "security": AUTH, "summary": "Resolve a conflict (IM or HIN).",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Resolution")}}},
            "responses": {**ok("Resolved.", ref("Conflict")), **EBODY, **E401, **E403, **E404, **E409}}},
        "/incidents/{incident}/decisions": {"parameters": [INCIDENT],
            "get": {"operationId": "listDecisions", "security": AUTH, "summary": "Decisions as of `at` (default now).",
                    "parameters": [AT],
                    "responses": {**ok("Decisions.", {"type": "array", "items": ref("Decision")}), **E401, **E404}},
            "post": {"operationId": "createDecision", "security": AUTH, "summary": "Record a crisis-team decision.",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CreateDecision")}}},
                     "responses": {**ok("Recorded.", ref("Decision"), status="201"), **EBODY, **E401, **E403, **E404,
                                   "409": problem("The besluitpunt it answers is decided or withdrawn already, or the incident is closed.")}}},
        "/incidents/{incident}/summaries": {"parameters": [INCIDENT],
            "get": {"operationId": "listSummaries", "security": AUTH, "parameters": [AT],
                    "summary": "Each theme's actueel beeld, knelpunten and verwachting as of `at` (default now), as far as "
                               "you may read them; the totaalbeeld first.",
                    "responses": {**ok("Summaries.", {"type": "array", "items": ref("Summary")}), **E401, **E404}}},
        "/incidents/{incident}/summaries/{theme}": {"parameters": [INCIDENT,
            {"name": "theme", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 60},
             "description": "algemeen (the totaalbeeld), brandweer, politie, geneeskundig, bevolkingszorg or partner:CODE."}],
            "put": {"operationId": "writeSummary", "security": AUTH,
                    "summary": "Write a theme's summary (journaled as summary.created / summary.updated).",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": ref("WriteSummary")}}},
                    "responses": {**ok("The new version.", ref("Summary")), **ok("The first version.", ref("Summary"), status="201"),
                                  **EBODY, **E401, **E403, "404": problem("No such incident or theme, or not one you may see."),
                                  "409": problem("baseVersion is not the current version, or the incident is closed.")}}},
        "/incidents/{incident}/decision-points": {"parameters": [INCIDENT],
            "get": {"operationId": "listDecisionPoints", "security": AUTH, "parameters": [AT],
                    "summary": "Besluitpunten as of `at` (default now): open ones first by deadline. Empty for partners.",
                    "responses": {**ok("Besluitpunten.", {"type": "array", "items": ref("DecisionPoint")}), **E401, **E404}},
            "post": {"operationId": "raiseDecisionPoint", "security": AUTH,
                     "summary": "Put a decision on the team's list (those who record decisions; journaled as "
                                "decision-point.raised). Answer it by recording a decision with `decisionPoint`.",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CreateDecisionPoint")}}},
                     "responses": {**ok("Raised.", ref("DecisionPoint"), status="201"), **EBODY, **E401, **E403, **E404, **E409}}},
        "/incidents/{incident}/decision-points/{record}/withdrawal": {"parameters": [INCIDENT, RECORD],
            "post": {"operationId": "withdrawDecisionPoint", "security": AUTH,
                     "summary": "Take an open besluitpunt off the list without a decision, saying why; it stays in the record.",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("DecisionPointWithdrawal")}}},
                     "responses": {**ok("Withdrawn.", ref("DecisionPoint")), **EBODY, **E401, **E403, **E404, **E409}}},
        "/incidents/{incident}/decisions/{record}/consultations": {"parameters": [INCIDENT, RECORD],
            "get": {"operationId": "listConsultations", "security": AUTH,
                    "summary": "The consultations of the councils recorded on a decision, oldest first.",
                    "responses": {**ok("Consultations.", {"type": "array", "items": ref("Consultation")}), **E401,
                                  "404": problem("No such incident or decision, or not one you may see.")}},
            "post": {"operationId": "recordConsultation", "security": AUTH,
                     "summary": "Record that the councils of affected gemeenten were consulted on a decision, with their "
                                "position; or that the required urgency prevented it, with the reason (C10; journaled "
                                "as consultation.recorded). Takes what recording a decision takes.",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CreateConsultation")}}},
                     "responses": {**ok("Recorded.", ref("Consultation"), status="201"), **EBODY, **E401, **E403,
                                   "404": problem("No such incident or decision, or not one you may see."),
                                   "409": problem("The decision is revoked, or the incident is closed or archived.")}}},
        "/incidents/{incident}/decisions/{record}": {"parameters": [INCIDENT, RECORD], "patch": {
            "operationId": "updateDecision", "security": AUTH, "summary": "New version of a decision (or revoke it).",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("UpdateDecision")}}},
            "responses": {**ok("The new version.", ref("Decision")), **EBODY, **E401, **E403, **E404, **E409}}},
        "/incidents/{incident}/actions": {"parameters": [INCIDENT],
            "get": {"operationId": "listActions", "security": AUTH, "summary": "Actions as of `at` (default now).",
                    "parameters": [AT],
                    "responses": {**ok("Actions.", {"type": "array", "items": ref("Action")}), **E401, **E404}},
            "post": {"operationId": "createAction", "security": AUTH, "summary": "Record an action for an organisation.",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CreateAction")}}},
                     "responses": {**ok("Recorded.", ref("Action"), status="201"), **EBODY, **E401, **E403, **E404}}},
        "/incidents/{incident}/actions/{record}": {"parameters": [INCIDENT, RECORD], "patch": {
            "operationId": "updateAction", "security": AUTH, "summary": "New version of an action (status, deadline, …).",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("UpdateAction")}}},
            "responses": {**ok("The new version.", ref("Action")), **EBODY, **E401, **E403, **E404, **E409}}},
        "/incidents/{incident}/logbook": {"parameters": [INCIDENT], "get": {"operationId": "logbook",
            "security": AUTH, "summary": "Every change, oldest first; `since` gives the changes since a moment.",
            "parameters": [{"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}}],
            "responses": {**ok("Lines.", {"type": "array", "items": ref("LogbookLine")}), **E401, **E404}}},
        "/incidents/{incident}/entries/{entry}/versions": {"parameters": [INCIDENT, ENTRY], "get": {
            "operationId": "entryVersions", "security": AUTH, "summary": "Every version of an entry.",
            "responses": {**ok("Versions.", {"type": "array", "items": ref("Entry")}), **E401, **E404}}},
        "/organisations": {"get": {"operationId": "listOrganisations", "summary": "Organisations in the network.",
                                   "security": AUTH,
                                   "responses": {**ok("Organisations.", {"type": "array", "items": ref("Organisation")}), **E401}}},
        "/users": {
            "get": {"operationId": "listUsers", "summary": "All users (administrators only).", "security": AUTH,
                    "responses": {**ok("Users.", {"type": "array", "items": ref("User")}), **E401, **E403}},
            "post": {"operationId": "createUser", "summary": "Create a user (administrators only).", "security": AUTH,
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CreateUser")}}},
                     "responses": {**ok("Created.", ref("User"), status="201"), **EBODY, **E401, **E403,
                                   "409": problem("The username is taken.")}}},
        "/users/{username}/login-failures": {"delete": {
            "operationId": "unlockUser", "security": AUTH,
            "summary": "Clear an account's failed logins from every address (administrators only); journaled as account.unlocked.",
            "parameters": [{"name": "username", "in": "path", "required": True, "schema": {
                "type": "string", "minLength": 2, "maxLength": 64, "pattern": "^[a-z0-9][a-z0-9._-]{1,63}$"}}],
            "responses": {**ok("The failures were cleared.", ref("Unlock")), "400": problem("Not a username."), **E401, **E403,
                          "404": problem("No such user.")}}},
    },
}
doc["components"]["schemas"]["Unlock"] = {"type": "object", "required": ["username", "clearedFailures"], "additionalProperties": False,
                                          "properties": {"username": {"type": "string"},
                                                         "clearedFailures": {"type": "integer", "minimum": 0}}}

# The partner registry and the national overview (issue: crisis partners and need-to-know).
REGION = {"type": "string", "pattern": "^VR(0[1-9]|1[0-9]|2[0-5])$"}
PROFILE = {"enum": ["kernsamenwerking", "structurele-samenwerking", "koppelsamenwerking", "standby-samenwerking",
                    "ad-hoc-aansluiting"]}
CORE_TASK = {"enum": ["A", "B", "C", "D"], "description": "A hulpdienst, B beheerder, C dienstverlener, D incidenteel."}
OUTCOME = {"enum": ["gecertificeerd", "voorwaardelijk", "geen-samenwerking"]}
TEST_PART = {"type": "object", "required": ["date", "finding"], "additionalProperties": False,
             "properties": {"date": {"type": "string", "format": "date-time"}, "finding": {"type": "string"}}}
PARTNER = {"name": "partner", "in": "path", "required": True, "schema": {"type": "string"},
           "description": "The partner organisation's code, e.g. RWS."}
doc["components"]["schemas"].update({
    "Contact": {"type": "object", "required": ["role", "name"], "additionalProperties": False, "properties": {
        "role": {"enum": ["hin-on-call", "ac-on-call", "hin", "ac", "liaison", "decision-maker", "detached-hin"],
                 "description": "One of the roles Tabel 1 lists for the agreement's profile (decision 0027)."}, "name": {"type": "string"},
        "phone": {"type": "string"}, "email": {"type": "string"}}},
    "TestRecord": {"type": "object", "additionalProperties": False,
        "description": "One toetsing (decision 0027 §3): the parts and the advice by the toetser, the standpoint by the chair of the regiegroep. Written only through …/toetsing/parts, …/toetsing/advice and …/standpoint; on PUT it may be left out or sent back unchanged.",
        "properties": {
        "richting": TEST_PART, "inrichting": TEST_PART, "verrichting": TEST_PART,
        "advice": {"type": "object", "additionalProperties": False, "required": ["outcome", "reasons", "by", "byName", "organisation", "at"],
                   "description": "The independent toetsingspartij's advice (001:L2238-2246).",
                   "properties": {"outcome": OUTCOME, "reasons": {"type": "string"}, "by": {"type": "string"}, "byName": {"type": "string"},
                                  "organisation": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}},
        "standpoint": {"type": "object", "additionalProperties": False,
                       "required": ["outcome", "argumentation", "mandate", "by", "byName", "at", "followsAdvice"],
                       "description": "The regiegroep chair's standpoint with the directors' mandate (001:L2266-2270); it decides whether the agreement may be in effect.",
                       "properties": {"outcome": OUTCOME, "argumentation": {"type": "string"}, "mandate": {"type": "string"},
                                      "retestDate": {"type": "string", "format": "date-time", "description": "A conditional collaboration's re-test date."},
                                      "by": {"type": "string"}, "byName": {"type": "string"}, "at": {"type": "string", "format": "date-time"},
                                      "followsAdvice": {"type": "boolean"}, "alternative": ref("AlternativeTerms")}}}},
    "AlternativeTerms": {"type": "object", "additionalProperties": False, "required": ["profile", "conditions"],
        "description": "\"Nee, maar\" (decision 0027 §4): with a geen-samenwerking standpoint, the more accessible terms the regiegroep sets — a narrower profile that fits the core task (or the ad-hoc-aansluiting), its conditions in words and the items of that profile's checklist they require. The agreement then works under that profile.",
        "properties": {"profile": PROFILE, "conditions": {"type": "string", "maxLength": 4000},
                       "preconditions": {"type": "array", "items": {"type": "string"}, "maxItems": 64}}},
    "AgreementInput": {"type": "object", "required": ["coreTask", "profile", "regions", "stage"],
        "additionalProperties": False, "properties": {
        "coreTask": CORE_TASK, "profile": PROFILE, "regions": {"type": "array", "items": REGION, "minItems": 1},
        "stage": {"enum": ["verkenning", "uitwerking", "uitvoering", "toetsing", "in-werking"],
                  "description": "In order (decision 0027); a supra-regional or national agreement goes in-werking only after a toetsing that accepted it."},
        "defaultStatus": {"enum": ["monitoring", "active"], "description": "Standby partners start monitoring."},
        "contacts": {"type": "array", "items": ref("Contact")},
        "preconditions": {"type": "object", "description": "Status per precondition key of the profile's checklist.",
                          "additionalProperties": {"enum": ["open", "in-progress", "met", "not-applicable"]}},
        "test": ref("TestRecord"),
        "evaluation": {"type": "object", "additionalProperties": False, "required": ["intervalMonths", "nextDue"],
                       "description": "The recurring evaluation moment with the adoptieregio (required in werking for a supra-regional or national agreement); evaluations held stay with the agreement.",
                       "properties": {"intervalMonths": {"type": "integer", "minimum": 3, "maximum": 36},
                                      "nextDue": {"type": "string", "format": "date-time"}}}}},
    "AlertRule": {"type": "object", "additionalProperties": False, "properties": {
        "coreTask": CORE_TASK,
        "categories": {"type": "array", "items": {"type": "string"}, "description": "Empty or absent: every category."},
        "regions": {"type": "array", "items": REGION, "description": "Empty or absent: the agreements' regions."},
        "minimumGRIP": {"type": "integer", "minimum": 0, "maximum": 5, "default": 1},
        "escalateAfterMinutes": {"type": "integer", "minimum": 1, "maximum": 1440, "default": 15},
        "escalateTo": {"enum": ["hin-on-call", "ac-on-call", "hin", "ac", "liaison", "decision-maker", "detached-hin"], "default": "hin-on-call",
                       "description": "hin-on-call also reaches a structural or standby partner's HIN (and ac-on-call its AC)."}}},
    "PartnerInput": {"type": "object", "required": ["agreements"], "additionalProperties": False, "properties": {
        "organisation": {"type": "string", "description": "Required on POST; on PUT it must match the path."},
        "baseVersion": {"type": "integer", "description": "Required on PUT: the version this replaces."},
        "adoptionRegion": REGION, "agreements": {"type": "array", "items": ref("AgreementInput"), "minItems": 1},
        "alertRules": {"type": "array", "items": ref("AlertRule")}}},
    "Partner": {"type": "object", "required": ["organisation", "name", "reach", "regions", "coreTasks", "agreements",
                                               "version", "updatedAt", "updatedBy"], "properties": {
        "organisation": {"type": "string"}, "name": {"type": "string"},
        "reach": {"enum": ["regionaal", "bovenregionaal", "landelijk"], "description": "The widest reach of its agreements."},
        "regions": {"type": "array", "items": REGION}, "coreTasks": {"type": "array", "items": CORE_TASK},
        "adoptionRegion": REGION, "version": {"type": "integer"},
        "alertRules": {"type": "array", "items": ref("AlertRule")},
        "updatedAt": {"type": "string", "format": "date-time"}, "updatedBy": {"type": "string"},
        "agreements": {"type": "array", "items": {"type": "object", "properties": {
            "coreTask": CORE_TASK, "profile": PROFILE, "regions": {"type": "array", "items": REGION},
            "reach": {"enum": ["regionaal", "bovenregionaal", "landelijk"], "description": "This agreement's own reach (001 Tabel 2)."},
            "stage": {"type": "string"}, "defaultStatus": {"type": "string"}, "inEffect": {"type": "boolean"},
            "effectiveProfile": PROFILE,
            "contacts": {"type": "array", "items": ref("Contact")}, "test": ref("TestRecord"),
            "earlierTests": {"type": "array", "items": ref("TestRecord"), "description": "Earlier toetsingen, oldest first; a re-test keeps the previous one, whose standpoint stands until the new one."},
            "evaluation": {"type": "object", "description": "The recurring evaluation moment: interval, next date and the evaluations held."},
            "checklist": {"type": "array", "items": {"type": "object", "properties": {
                "key": {"type": "string"}, "dimension": {"type": "string"}, "label": {"type": "string"},
                "status": {"type": "string"}}}}}}}}},
    "PartnerOverviewRow": {"type": "object", "required": ["partner", "name", "coreTask", "profile", "regions", "reach",
                                                          "stage", "inEffect", "effect", "preconditionsMet", "preconditionsTotal"], "properties": {
        "partner": {"type": "string"}, "name": {"type": "string"}, "coreTask": CORE_TASK, "profile": PROFILE,
        "regions": {"type": "array", "items": REGION}, "reach": {"type": "string"}, "adoptionRegion": REGION,
        "stage": {"enum": ["verkenning", "uitwerking", "uitvoering", "toetsing", "in-werking"]},
        "testOutcome": OUTCOME, "retestDate": {"type": "string", "format": "date-time"},
        "inEffect": {"type": "boolean", "description": "In werking and, for a supra-regional or national agreement, accepted by the regiegroep's standpoint (decision 0027)."},
        "effect": {"type": "object", "description": "Whether and why the agreement is in effect, in Dutch and English.",
                   "properties": {"nl": {"type": "string"}, "en": {"type": "string"}}},
        "evaluationDue": {"type": "string", "format": "date-time", "description": "The next evaluation moment with the adoptieregio."},
        "evaluationFlag": {"type": "object", "description": "The evaluation within 30 days (due) or past (overdue).",
                           "required": ["status", "date"], "properties": {"status": {"enum": ["due", "overdue"]}, "date": {"type": "string", "format": "date-time"}}},
        "retestFlag": {"type": "object", "description": "A conditional collaboration's re-test within 60 days (due) or past (overdue; the agreement is then no longer in effect).",
                       "required": ["status", "date"], "properties": {"status": {"enum": ["due", "overdue"]}, "date": {"type": "string", "format": "date-time"}}},
        "preconditionsMet": {"type": "integer"}, "preconditionsTotal": {"type": "integer"}}},
})
AGREEMENT_PARAMETERS = [{"name": "partner", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": "agreement", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0},
                         "description": "The agreement's position in the registration, from 0."}]
doc["paths"].update({
    "/partners/{partner}/agreements/{agreement}/evaluations": {
        "parameters": AGREEMENT_PARAMETERS,
        "post": {"operationId": "recordEvaluation", "security": AUTH,
                 "summary": "Record an evaluation held on an agreement: by the adoptieregio's IM, HIN, directeur or voorzitter, or the national node (decision 0027 §12). The next evaluation follows by the interval; 'beeindigen' takes the agreement out of werking.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "additionalProperties": False, "required": ["baseVersion", "regionsHeard", "outcome"],
                     "properties": {"baseVersion": {"type": "integer"}, "date": {"type": "string", "format": "date-time", "description": "When it was held; default now, never in the future."},
                                    "regionsHeard": {"type": "array", "items": REGION, "minItems": 1, "description": "The regions that gave input, from the agreement's regions."},
                                    "outcome": {"enum": ["voortzetten", "afspraken-bijstellen", "hertoetsing-nodig", "beeindigen"]},
                                    "notes": {"type": "string", "maxLength": 4000}}}}}},
                 "responses": {**ok("The registration with the evaluation.", ref("Partner")), **EBODY, **E401, **E403, **E404, **E409}},
    },
    "/partners/{partner}/agreements/{agreement}/toetsing/parts": {
        "parameters": AGREEMENT_PARAMETERS,
        "post": {"operationId": "recordToetsingPart", "security": AUTH,
                 "summary": "The toetser of an independent toetsingspartij records richting, inrichting or verrichting (decision 0027 §3). A part after the standpoint starts a new toetsing (a re-test); while an advice awaits the standpoint, nothing is added.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "additionalProperties": False, "required": ["baseVersion", "part", "finding"],
                     "properties": {"baseVersion": {"type": "integer"}, "part": {"enum": ["richting", "inrichting", "verrichting"]},
                                    "date": {"type": "string", "format": "date-time", "description": "When it was held; default now, never in the future."},
                                    "finding": {"type": "string", "maxLength": 4000}}}}}},
                 "responses": {**ok("The registration with the part.", ref("Partner")), **EBODY, **E401, **E403, **E404, **E409}}},
    "/partners/{partner}/agreements/{agreement}/toetsing/advice": {
        "parameters": AGREEMENT_PARAMETERS,
        "post": {"operationId": "giveAdvice", "security": AUTH,
                 "summary": "The toetser's advice after the three parts, once per toetsing (decision 0027 §3); journaled as partner.advice-given.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "additionalProperties": False, "required": ["baseVersion", "outcome", "reasons"],
                     "properties": {"baseVersion": {"type": "integer"}, "outcome": OUTCOME, "reasons": {"type": "string", "maxLength": 4000}}}}}},
                 "responses": {**ok("The registration with the advice.", ref("Partner")), **EBODY, **E401, **E403, **E404, **E409}}},
    "/partners/{partner}/agreements/{agreement}/standpoint": {
        "parameters": AGREEMENT_PARAMETERS,
        "post": {"operationId": "takeStandpoint", "security": AUTH,
                 "summary": "The chair of the regiegroep Netcentrisch Werken takes the standpoint on the advice, with the directors' mandate (decision 0027 §3); it may depart from the advice. A conditional standpoint needs a future re-test date; journaled as partner.standpoint-taken.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "additionalProperties": False, "required": ["baseVersion", "outcome", "argumentation", "mandate"],
                     "properties": {"baseVersion": {"type": "integer"}, "outcome": OUTCOME, "argumentation": {"type": "string", "maxLength": 4000},
                                    "mandate": {"type": "string", "maxLength": 300}, "retestDate": {"type": "string", "format": "date-time"},
                                    "alternative": ref("AlternativeTerms")}}}}},
                 "responses": {**ok("The registration with the standpoint.", ref("Partner")), **EBODY, **E401, **E403, **E404, **E409}}},
    "/partners": {
        "get": {"operationId": "listPartners", "security": AUTH, "summary": "Every registered partner (regions, national node, admins).",
                "responses": {**ok("Partners.", {"type": "array", "items": ref("Partner")}), **E401, **E403}},
        "post": {"operationId": "registerPartner", "security": AUTH,
                 "summary": "Register a partner organisation (national node and admins).",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("PartnerInput")}}},
                 "responses": {**ok("Registered.", ref("Partner"), status="201"), **EBODY, **E401, **E403,
                               "404": problem("No organisation with that code."),
                               "409": problem("The partner is registered already.")}}},
    "/partners/overview": {"get": {"operationId": "partnerOverview", "security": AUTH,
        "summary": "The national overview, one row per agreement (§2.5), as JSON or CSV.",
        "parameters": [{"name": "region", "in": "query", "schema": REGION},
                       {"name": "profile", "in": "query", "schema": PROFILE},
                       {"name": "coreTask", "in": "query", "schema": CORE_TASK},
                       {"name": "outcome", "in": "query", "schema": {"enum": OUTCOME["enum"] + ["untested"]}},
                       {"name": "format", "in": "query", "schema": {"enum": ["json", "csv"]}}],
        "responses": {"200": {"description": "The rows.", "content": {
            "application/json": {"schema": {"type": "array", "items": ref("PartnerOverviewRow")}},
            "text/csv": {"schema": {"type": "string"}}}},
            "400": problem("A filter value is not valid."), **E401, **E403}}},
    "/partners/{partner}": {"parameters": [PARTNER],
        "get": {"operationId": "showPartner", "security": AUTH,
                "summary": "One partner's registration (a partner sees its own only).",
                "responses": {**ok("The partner.", ref("Partner")), **E401, **E403,
                              "404": problem("Not in the registry.")}},
        "put": {"operationId": "replacePartner", "security": AUTH,
                "summary": "Replace a partner's registration (national node and admins); names its baseVersion.",
                "requestBody": {"required": True, "content": {"application/json": {"schema": ref("PartnerInput")}}},
                "responses": {**ok("The new version.", ref("Partner")), **EBODY, **E401, **E403, **E409,
                              "404": problem("Not in the registry.")}}},
})

# Access to incidents: links, standby admission, disconnection, break glass, monitoring, accountability.
GRANT = {"name": "grant", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
CLASSIFICATION = {"enum": ["public", "internal", "confidential"]}
doc["components"]["schemas"].update({
    "Grant": {"type": "object", "required": ["id", "organisation", "kind", "purpose", "status", "maxClassification",
                                             "validFrom", "validUntil", "grantedBy", "grantedByOrganisation"], "properties": {
        "id": {"type": "string", "format": "uuid"}, "organisation": {"type": "string"},
        "kind": {"enum": ["link", "temporary-account", "break-glass"], "description": "temporary-account only on grants of before decision 0027 §6 (ad-hoc partners have no system access since; none is issued)."}, "profile": PROFILE,
        "username": {"type": "string", "description": "The temporary account, for an old grant of kind temporary-account."},
        "purpose": {"type": "string"}, "status": {"enum": ["monitoring", "active"]},
        "maxClassification": CLASSIFICATION, "validFrom": {"type": "string", "format": "date-time"},
        "validUntil": {"type": "string", "format": "date-time"}, "revokedAt": {"type": "string", "format": "date-time"},
        "revokedBy": {"type": "string"}, "grantedBy": {"type": "string"}, "grantedByOrganisation": {"type": "string"},
        "underMandateOf": {"type": "string", "description": "A standby partner joining through another party's process (decision 0027 §9): a discipline (brandweer, politie, geneeskundig, bevolkingszorg) or partner:CODE of a kern partner linked to the incident. A kern partner that links a standby partner itself links it under its own mandate. Such a link is active at once and reads that theme unless readScope says otherwise."},
        "readScope": {"type": "string", "pattern": "^(summary|whole|themes:[a-z:A-Z0-9,-]+)$", "description": "A standby link only (decision 0027 §7): what the admitted partner reads — summary (the totaalbeeld, the default), themes:brandweer,partner:RWS (those themes' entries and summaries, with the totaalbeeld) or whole (the whole picture)."},
        "detachedHIN": {"type": "string", "description": "An ad-hoc-aansluiting (decision 0027 §6): the username of the HIN the region detached to the partner; only they enter its information."},
        "conditions": {"type": "string", "description": "An ad-hoc-aansluiting: the conditions the region set."}}},
    "LinkInput": {"type": "object", "required": ["organisation", "purpose"], "additionalProperties": False,
        "description": "Give the end as `until` or as `hours` from now, exactly one of them.",
        "properties": {"organisation": {"type": "string", "description": "A registered partner with an agreement in "
                                        "effect with the incident's regions; its profile comes from that agreement. With "
                                        "detachedHIN and conditions: any organisation without another agreement in effect, "
                                        "joined as an ad-hoc-aansluiting (decision 0027 §6)."},
            "detachedHIN": {"type": "string", "maxLength": 100, "description": "An ad-hoc-aansluiting: the username of the HIN or HIN gedetacheerd of an involved region whom the region detaches to the partner. The partner itself reads and writes nothing."},
            "conditions": {"type": "string", "minLength": 3, "maxLength": 1000, "description": "An ad-hoc-aansluiting: the conditions under which the region lets it be used (001:L926-929)."},
            "organisationName": {"type": "string", "maxLength": 200, "description": "An ad-hoc-aansluiting with an organisation not yet known (its code 2 to 20 letters, digits or hyphens): its name; the organisation is recorded with the aansluiting."},
            "purpose": {"type": "string", "minLength": 3, "maxLength": 500},
            "until": {"type": "string", "format": "date-time", "description": "At most 90 days ahead."},
            "hours": {"type": "integer", "minimum": 1, "maximum": 720, "description": "Instead of until: this many hours from now."},
            "status": {"enum": ["monitoring", "active"], "description": "Default: the agreement's (standby: monitoring)."},
            "maxClassification": CLASSIFICATION, "underMandateOf": {"type": "string", "description": "A standby partner joining through another party's process (decision 0027 §9): a discipline (brandweer, politie, geneeskundig, bevolkingszorg) or partner:CODE of a kern partner linked to the incident. A kern partner that links a standby partner itself links it under its own mandate. Such a link is active at once and reads that theme unless readScope says otherwise."}, "readScope": {"type": "string", "pattern": "^(summary|whole|themes:[a-z:A-Z0-9,-]+)$", "description": "A standby link only (decision 0027 §7): what the admitted partner reads — summary (the totaalbeeld, the default), themes:brandweer,partner:RWS (those themes' entries and summaries, with the totaalbeeld) or whole (the whole picture)."}}},
    "GrantChange": {"type": "object", "additionalProperties": False, "properties": {
        "status": {"enum": ["monitoring", "active"], "description": "active admits a standby partner (invite to look along)."},
        "until": {"type": "string", "format": "date-time"}, "readScope": {"type": "string", "pattern": "^(summary|whole|themes:[a-z:A-Z0-9,-]+)$", "description": "A standby link only (decision 0027 §7): what the admitted partner reads — summary (the totaalbeeld, the default), themes:brandweer,partner:RWS (those themes' entries and summaries, with the totaalbeeld) or whole (the whole picture)."}}},
    "BreakGlassInput": {"type": "object", "required": ["organisation", "reason"], "additionalProperties": False,
        "description": "Give the end as `until` or as `hours` from now, exactly one of them.",
        "properties": {"organisation": {"type": "string"}, "reason": {"type": "string", "minLength": 3, "maxLength": 500},
            "until": {"type": "string", "format": "date-time", "description": "At most 24 hours ahead."},
            "hours": {"type": "integer", "minimum": 1, "maximum": 24, "description": "Instead of until: this many hours from now."},
            "maxClassification": CLASSIFICATION}},
    "MonitoringItem": {"type": "object", "required": ["id", "reference", "title", "category", "grip", "involvedRegions",
                                                      "startedAt", "link", "mayRead"], "properties": {
        "id": {"type": "string", "format": "uuid"}, "reference": {"type": "string"}, "title": {"type": "string"},
        "category": {"type": "string"}, "grip": {"type": "integer"}, "involvedRegions": {"type": "array", "items": REGION},
        "location": ref("Geometry"), "startedAt": {"type": "string", "format": "date-time"},
        "link": {"enum": ["none", "monitoring", "active"]}, "linkUntil": {"type": "string", "format": "date-time"},
        "mayRead": {"type": "boolean"}}},
    "PartnerAlert": {"type": "object", "required": ["id", "incident", "organisation", "reason", "raisedAt", "escalatesAt"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "incident": {"type": "string", "format": "uuid"},
            "organisation": {"type": "string"}, "reason": {"type": "string"},
            "raisedAt": {"type": "string", "format": "date-time"}, "escalatesAt": {"type": "string", "format": "date-time"},
            "acknowledgedAt": {"type": "string", "format": "date-time"}, "acknowledgedBy": {"type": "string"},
            "escalatedAt": {"type": "string", "format": "date-time"},
            "escalatedTo": {"type": "string", "description": "The contact point it escalated to."},
            "reference": {"type": "string"}, "title": {"type": "string"}, "category": {"type": "string"},
            "grip": {"type": "integer"}, "involvedRegions": {"type": "array", "items": REGION}}},
    "AccessReportLine": {"type": "object", "required": ["at", "kind", "actor", "actorOrganisation", "organisation"],
        "properties": {"at": {"type": "string"}, "kind": {"type": "string"}, "actor": {"type": "string"},
            "actorOrganisation": {"type": "string"}, "incident": {"type": "string", "format": "uuid"},
            "organisation": {"type": "string"}, "grantKind": {"type": "string"}, "purpose": {"type": "string"},
            "validUntil": {"type": "string", "format": "date-time"}, "revokedAt": {"type": "string", "format": "date-time"},
            "classification": CLASSIFICATION}},
})
E403R = {"403": problem("Not allowed; the detail gives the access policy's reason.")}
ACCESS_REQUEST = {"name": "request", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
doc["components"]["schemas"].update({
    "AccessRequest": {"type": "object", "required": ["id", "incident", "organisation", "requestedBy", "requestedByName",
                                                     "reason", "requestedAt", "status"], "properties": {
        "id": {"type": "string", "format": "uuid"}, "incident": {"type": "string", "format": "uuid"},
        "organisation": {"type": "string"}, "requestedBy": {"type": "string"}, "requestedByName": {"type": "string"},
        "reason": {"type": "string"}, "requestedAt": {"type": "string", "format": "date-time"},
        "status": {"enum": ["open", "granted", "declined"]}, "decidedBy": {"type": "string"},
        "decidedAt": {"type": "string", "format": "date-time"}, "note": {"type": "string"},
        "grant": {"type": "string", "format": "uuid", "description": "The link made when granted."}}},
    "AccessRequestInput": {"type": "object", "required": ["reason"], "additionalProperties": False, "properties": {
        "reason": {"type": "string", "minLength": 1, "maxLength": 500}}},
    "AccessRequestDecision": {"type": "object", "required": ["grant"], "additionalProperties": False, "properties": {
        "grant": {"type": "boolean", "description": "true links the partner (active) under its agreement; false declines."},
        "note": {"type": "string", "maxLength": 500, "description": "For the partner."},
        "hours": {"type": "integer", "minimum": 1, "maximum": 720, "description": "How long a granted link lasts; default 24."}}},
})
doc["paths"].update({
    "/incidents/{incident}/access-requests": {"parameters": [INCIDENT],
        "get": {"operationId": "listAccessRequests", "security": AUTH,
                "summary": "Requests for access to the incident: all for whoever manages its access, a partner's own for a partner.",
                "responses": {**ok("Requests.", {"type": "array", "items": ref("AccessRequest")}), **E401, **E403R, **E404}},
        "post": {"operationId": "requestAccess", "security": AUTH,
                 "summary": "A partner standing by for the incident's area, with the incident relevant to it, asks to read it.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("AccessRequestInput")}}},
                 "responses": {**ok("Asked.", ref("AccessRequest"), status="201"), **EBODY, **E401, **E403R, **E404,
                               "409": problem("The partner can read the incident already, or its request is still open.")}}},
    "/incidents/{incident}/access-requests/{request}/decision": {"parameters": [INCIDENT, ACCESS_REQUEST],
        "post": {"operationId": "decideAccessRequest", "security": AUTH,
                 "summary": "Whoever manages the incident's access grants (an active link under the partner's agreement) or declines.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("AccessRequestDecision")}}},
                 "responses": {**ok("Decided.", ref("AccessRequest")), **EBODY, **E401, **E403R, **E404,
                               "409": problem("The request was decided already, or the partner is linked already.")}}},
})
E403R = {"403": problem("Not allowed; the detail gives the access policy's reason.")}
doc["paths"].update({
    "/incidents/{incident}/access": {"parameters": [INCIDENT],
        "get": {"operationId": "listGrants", "security": AUTH,
                "summary": "Grants on the incident (a partner sees its own only).",
                "responses": {**ok("Grants.", {"type": "array", "items": ref("Grant")}), **E401, **E403R, **E404}},
        "post": {"operationId": "linkPartner", "security": AUTH,
                 "summary": "The IM links a partner under the profile of its agreement, with a purpose and an end.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("LinkInput")}}},
                 "responses": {**ok("Linked.", ref("Grant"), status="201"), **EBODY, **E401, **E403R, **E404,
                               "409": problem("The partner is linked already.")}}},
    "/incidents/{incident}/access/{grant}": {"parameters": [INCIDENT, GRANT],
        "patch": {"operationId": "changeGrant", "security": AUTH,
                  "summary": "Admit or invite a standby partner (status active), or move the end.",
                  "requestBody": {"required": True, "content": {"application/json": {"schema": ref("GrantChange")}}},
                  "responses": {**ok("The grant.", ref("Grant")), **EBODY, **E401, **E403R, **E404,
                                "409": problem("The grant has ended already.")}}},
    "/incidents/{incident}/access/{grant}/revocation": {"parameters": [INCIDENT, GRANT],
        "post": {"operationId": "revokeGrant", "security": AUTH,
                 "summary": "Ontkoppelen: the grant ends now; open streams of that partner end at once.",
                 "responses": {**ok("The ended grant.", ref("Grant")), **E401, **E403R, **E404,
                               "409": problem("The grant has ended already.")}}},
    "/incidents/{incident}/break-glass": {"parameters": [INCIDENT],
        "post": {"operationId": "breakGlass", "security": AUTH,
                 "summary": "The chair opens the incident to a named organisation for at most 24 hours, with a reason.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("BreakGlassInput")}}},
                 "responses": {**ok("Opened.", ref("Grant"), status="201"), **EBODY, **E401, **E403R, **E404}}},
    "/monitoring": {"get": {"operationId": "monitoringList", "security": AUTH,
        "summary": "A standby partner's monitoring list: title, category, area and GRIP of incidents in its regions.",
        "parameters": [{"name": "exercise", "in": "query", "schema": {"type": "boolean"}}],
        "responses": {**ok("Incidents.", {"type": "array", "items": ref("MonitoringItem")}), **E401, **E403R}}},
    "/alerts": {"get": {"operationId": "myAlerts", "security": AUTH,
        "summary": "The partner's own alerts, newest first, with title, category, GRIP and regions of each incident.",
        "responses": {**ok("Alerts.", {"type": "array", "items": ref("PartnerAlert")}), **E401, **E403R}}},
    "/alerts/{alert}/acknowledgement": {"parameters": [{"name": "alert", "in": "path", "required": True,
                                                        "schema": {"type": "string", "format": "uuid"}}],
        "post": {"operationId": "acknowledgeAlert", "security": AUTH, "summary": "The partner acknowledges its alert.",
                 "responses": {**ok("The alert.", ref("PartnerAlert")), **E401,
                               "404": problem("No such alert for your organisation."),
                               "409": problem("Acknowledged already.")}}},
    "/incidents/{incident}/alerts": {"parameters": [INCIDENT],
        "get": {"operationId": "incidentAlerts", "security": AUTH,
                "summary": "The partners alerted of this incident, acknowledged or escalated (a partner sees its own).",
                "responses": {**ok("Alerts.", {"type": "array", "items": ref("PartnerAlert")}), **E401, **E403R, **E404}}},
    "/incidents/{incident}/entries/import": {"parameters": [INCIDENT],
        "post": {"operationId": "importEntries", "security": AUTH,
                 "summary": "A kern partner imports up to 500 entries from its own netcentric picture into its theme, "
                            "in one transaction. The external id makes it repeatable: known entries get a new version "
                            "when they changed, and nothing happens when they did not.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "required": ["entries"], "additionalProperties": False, "properties": {
                         "entries": {"type": "array", "minItems": 1, "maxItems": 500, "items": {
                             "type": "object", "required": ["externalId", "text"], "additionalProperties": False,
                             "properties": {"externalId": {"type": "string", "minLength": 1, "maxLength": 200},
                                 "text": {"type": "string"}, "source": {"type": "string"},
                                 "observedAt": {"type": "string", "format": "date-time"}, "priority": ref("Priority"),
                                 "location": ref("Geometry"), "classification": CLASSIFICATION}}}}}}}},
                 "responses": {**ok("What the import did.", {"type": "object", "required": ["created", "updated", "unchanged"],
                     "properties": {"created": {"type": "array", "items": ref("Entry")},
                                    "updated": {"type": "array", "items": ref("Entry")},
                                    "unchanged": {"type": "integer"}}}),
                               **EBODY, **E401, **E403R, **E404}}},
    "/monitoring/stream": {"get": {"operationId": "monitoringStream", "security": AUTH,
        "summary": "Server-Sent Events: a monitored incident or the partner's own link changed (ids only, no content).",
        "parameters": [{"name": "exercise", "in": "query", "schema": {"type": "boolean"}},
                       {"name": "lastEventId", "in": "query", "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "The event stream.",
                              "content": {"text/event-stream": {"schema": {"type": "string"}}}}, **E401}}},
    "/reports/access": {"get": {"operationId": "accessReport", "security": AUTH,
        "summary": "Grants, changes, disconnections, break-glass openings and confidential reads since a moment "
                   "(administrators, the national node; a chair sees its region's).",
        "parameters": [{"name": "since", "in": "query", "required": True, "schema": {"type": "string"},
                        "description": "A date (2026-11-01) or an ISO 8601 moment."},
                       {"name": "format", "in": "query", "schema": {"enum": ["json", "csv"]}}],
        "responses": {"200": {"description": "The lines, oldest first.", "content": {
            "application/json": {"schema": {"type": "array", "items": ref("AccessReportLine")}},
            "text/csv": {"schema": {"type": "string"}}}}, **E401, **E403R,
            "422": problem("'since' is missing or not a date.")}}},
})

# The incident map: plots (GeoJSON Features) and the affected area.
PLOT = {"name": "plot", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
GEO = "application/geo+json"
PLOT_KINDS = ["symbol", "line", "route", "effect-area", "cordon", "evacuation-area", "area", "circle", "label"]
PLOT_SYMBOLS = ["incident", "command-post", "assembly-point", "hospital", "shelter", "roadblock", "water-outage",
                "power-outage", "gas-outage", "hazardous-materials", "decontamination", "helicopter-landing",
                "casualty-collection", "staging", "breach", "seepage", "dike-watch", "pumping-station", "sandbags"]
doc["components"]["schemas"].update({
    "PlotFeature": {"type": "object", "required": ["type", "geometry", "properties"], "properties": {
        "type": {"const": "Feature"}, "id": {"type": "string", "format": "uuid"}, "geometry": ref("Geometry"),
        "properties": {"type": "object", "properties": {
            "kind": {"enum": PLOT_KINDS, "description": "symbol/circle/label: Point; line/route: LineString; areas: Polygon."},
            "symbol": {"enum": PLOT_SYMBOLS}, "label": {"type": "string", "maxLength": 200},
            "colour": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
            "radius": {"type": "number", "minimum": 1, "maximum": 100000, "description": "Metres, circles only."},
            "classification": CLASSIFICATION,
            "baseVersion": {"type": "integer", "description": "On PATCH: the version this change replaces."},
            "version": {"type": "integer", "readOnly": True}, "author": {"type": "string", "readOnly": True},
            "organisation": {"type": "string", "readOnly": True}, "verification": {"type": "string", "readOnly": True},
            "updatedAt": {"type": "string", "readOnly": True}, "removed": {"type": "boolean", "readOnly": True}}}}},
    "PlotCollection": {"type": "object", "required": ["type", "features"], "properties": {
        "type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": ref("PlotFeature")}}},
    "AffectedArea": {"type": "object", "required": ["municipalities", "regions", "partners", "proposesInterregionalScaling"],
        "properties": {
            "municipalities": {"type": "array", "items": {"type": "object", "properties": {
                "code": {"type": "string"}, "name": {"type": "string"}, "region": REGION}}},
            "regions": {"type": "array", "items": REGION},
            "partners": {"type": "array", "items": {"type": "object", "properties": {
                "organisation": {"type": "string"}, "name": {"type": "string"}, "profile": PROFILE,
                "regions": {"type": "array", "items": REGION}}}},
            "proposesInterregionalScaling": {"type": "boolean", "description": "More than one region: GRIP 5 / an IRBT."}}},
})
PLOT_BODY = {"required": True, "content": {GEO: {"schema": ref("PlotFeature")}, "application/json": {"schema": ref("PlotFeature")}}}
doc["paths"].update({
    "/incidents/{incident}/plots": {"parameters": [INCIDENT],
        "get": {"operationId": "listPlots", "security": AUTH,
                "summary": "The map at a moment (default now), as GeoJSON with its styling, or as KML (?format=kml).",
                "parameters": [AT, {"name": "format", "in": "query", "schema": {"enum": ["geojson", "kml"]}}],
                "responses": {"200": {"description": "The plots.", "content": {
                    GEO: {"schema": ref("PlotCollection")},
                    "application/vnd.google-earth.kml+xml": {"schema": {"type": "string"}}}}, **E401, **E404,
                    "400": problem("Unknown format.")}},
        "post": {"operationId": "createPlot", "security": AUTH, "summary": "Draw a plot: one GeoJSON Feature with its style.",
                 "requestBody": PLOT_BODY,
                 "responses": {**ok("Drawn.", ref("PlotFeature"), status="201", media=GEO), **EBODY, **E401, **E403R, **E404}}},
    "/incidents/{incident}/plots/import": {"parameters": [INCIDENT],
        "post": {"operationId": "importPlots", "security": AUTH,
                 "summary": "Import a FeatureCollection (up to 1000 plots, 5 MB) in one transaction, keeping its styling: this "
                            "product's properties or simplestyle (title, marker-color, stroke, fill).",
                 "requestBody": {"required": True, "content": {GEO: {"schema": ref("PlotCollection")}}},
                 "responses": {**ok("Imported.", ref("PlotCollection"), status="201", media=GEO), **EBODY, **E401, **E403R, **E404}}},
    "/incidents/{incident}/plots/{plot}": {"parameters": [INCIDENT, PLOT],
        "patch": {"operationId": "changePlot", "security": AUTH,
                  "summary": "A new version: properties.baseVersion plus what changes; a geometry moves or reshapes it.",
                  "requestBody": PLOT_BODY,
                  "responses": {**ok("The new version.", ref("PlotFeature"), media=GEO), **EBODY, **E401, **E403R, **E404, **E409}},
        "delete": {"operationId": "removePlot", "security": AUTH,
                   "summary": "Take a plot off the map (a new version; the timeline still shows it before).",
                   "parameters": [{"name": "baseVersion", "in": "query", "required": True, "schema": {"type": "integer"}}],
                   "responses": {**ok("The removed version.", ref("PlotFeature"), media=GEO), **E401, **E403R, **E404, **E409,
                                 "422": problem("baseVersion is missing.")}}},
    "/incidents/{incident}/plots/{plot}/verification": {"parameters": [INCIDENT, PLOT],
        "post": {"operationId": "verifyPlot", "security": AUTH, "summary": "The IM verifies or contradicts a plot.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Verify")}}},
                 "responses": {**ok("The new version.", ref("PlotFeature"), media=GEO), **EBODY, **E401, **E403R, **E404, **E409}}},
    "/incidents/{incident}/plots/{plot}/versions": {"parameters": [INCIDENT, PLOT],
        "get": {"operationId": "plotVersions", "security": AUTH, "summary": "Every version of a plot, oldest first.",
                "responses": {**ok("The versions.", ref("PlotCollection"), media=GEO), **E401, **E404}}},
    "/coordinates": {"get": {"operationId": "convertCoordinates", "security": AUTH,
        "summary": "Convert between RD New (EPSG:28992) and WGS84: give x and y (metres) or lat and lon (degrees).",
        "parameters": [{"name": n, "in": "query", "schema": {"type": "number"}} for n in ["x", "y", "lat", "lon"]],
        "responses": {**ok("Both.", {"type": "object", "required": ["x", "y", "lat", "lon"], "properties": {
            "x": {"type": "number"}, "y": {"type": "number"}, "lat": {"type": "number"}, "lon": {"type": "number"}}}),
            **E401, "422": problem("Missing, not a number, or outside the RD grid.")}}},
    "/incidents/{incident}/affected-area": {"parameters": [INCIDENT],
        "get": {"operationId": "affectedArea", "security": AUTH,
                "summary": "Municipalities and regions inside the incident's area and its area plots, the partners of those "
                           "regions, and whether to propose GRIP 5 / an IRBT.",
                "parameters": [AT],
                "responses": {**ok("The affected area.", ref("AffectedArea")), **E401, **E404}}},
})

# Map layers: reference layers and uploaded GeoJSON layers with an owner and a classification.
LAYER = {"name": "layer", "in": "path", "required": True, "schema": {"type": "string"},
         "description": "A layer id (UUID), or regions, municipalities, provinces for the reference layers."}
LAYER_CATEGORIES = ["fire-hydrants", "gas-distribution-stations", "drinking-water", "vital-infrastructure", "general"]
GEO_ANY = ref("GeoJSON")
POSITIONS = {"type": "array", "description": "Positions (nested arrays of [longitude, latitude, …] numbers)."}
doc["components"]["schemas"].update({
    "GeoJSON": {"description": "Any GeoJSON object (RFC 7946), checked strictly by the server.",
                "oneOf": [ref("GeoJSONGeometry"), ref("GeoJSONFeature"), ref("GeoJSONFeatureCollection")]},
    "GeoJSONGeometry": {"oneOf": [
        {"type": "object", "required": ["type", "coordinates"], "properties": {
            "type": {"enum": ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]},
            "coordinates": POSITIONS, "bbox": {"type": "array", "items": {"type": "number"}}}},
        {"type": "object", "required": ["type", "geometries"], "properties": {
            "type": {"const": "GeometryCollection"}, "geometries": {"type": "array", "items": ref("GeoJSONGeometry")},
            "bbox": {"type": "array", "items": {"type": "number"}}}}]},
    "GeoJSONFeature": {"type": "object", "required": ["type", "geometry", "properties"], "properties": {
        "type": {"const": "Feature"}, "id": {"type": ["string", "number"]},
        "geometry": {"oneOf": [{"type": "null"}, ref("GeoJSONGeometry")]},
        "properties": {"type": ["object", "null"]}, "bbox": {"type": "array", "items": {"type": "number"}}}},
    "GeoJSONFeatureCollection": {"type": "object", "required": ["type", "features"], "properties": {
        "type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": ref("GeoJSONFeature")},
        "bbox": {"type": "array", "items": {"type": "number"}}}},
    "Layer": {"type": "object", "required": ["id", "name", "classification", "reference"], "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "category": {"enum": LAYER_CATEGORIES},
        "owner": {"type": "string"}, "classification": CLASSIFICATION, "reference": {"type": "boolean"},
        "version": {"type": "integer"}, "featureCount": {"type": "integer"},
        "updatedAt": {"type": "string", "format": "date-time"}}},
})
LAYER_BODY = {"required": True, "content": {GEO: {"schema": GEO_ANY}, "application/json": {"schema": GEO_ANY}}}
doc["paths"].update({
    "/layers": {
        "get": {"operationId": "listLayers", "security": AUTH, "summary": "The layers you may see: reference layers and uploaded ones.",
                "responses": {**ok("Layers.", {"type": "array", "items": ref("Layer")}), **E401}},
        "post": {"operationId": "uploadLayer", "security": AUTH,
                 "summary": "Upload a GeoJSON layer (up to 5 MB) owned by your organisation. Vulnerable-object categories "
                            "are confidential by default.",
                 "parameters": [{"name": "name", "in": "query", "required": True, "schema": {"type": "string"}},
                                {"name": "category", "in": "query", "schema": {"enum": LAYER_CATEGORIES},
                                 "description": "What the layer holds; the former name gas-stations is read as gas-distribution-stations."},
                                {"name": "classification", "in": "query", "schema": CLASSIFICATION}],
                 "requestBody": LAYER_BODY,
                 "responses": {**ok("Stored.", ref("Layer"), status="201"), **EBODY, **E401, **E403R}}},
    "/layers/{layer}": {"parameters": [LAYER],
        "get": {"operationId": "showLayer", "security": AUTH,
                "summary": "The layer's GeoJSON; reading a confidential layer is journaled. The reference layers carry an ETag and "
                           "Cache-Control private, max-age=86400, answer If-None-Match with 304, and are gzip-compressed when accepted.",
                "parameters": [{"name": "If-None-Match", "in": "header", "schema": {"type": "string"}}],
                "responses": {**ok("The GeoJSON.", GEO_ANY, media=GEO),
                              "304": {"description": "A reference layer the browser holds already (its ETag matched)."},
                              **E401, **E403R, "404": problem("No such layer.")}},
        "put": {"operationId": "replaceLayer", "security": AUTH, "summary": "Replace the layer's GeoJSON (the owner); names its baseVersion.",
                "parameters": [{"name": "baseVersion", "in": "query", "required": True, "schema": {"type": "integer"}}],
                "requestBody": LAYER_BODY,
                "responses": {**ok("The new version.", ref("Layer")), **EBODY, **E401, **E403R, **E409, "404": problem("No such layer.")}},
        "delete": {"operationId": "deleteLayer", "security": AUTH, "summary": "Delete the layer (the owner).",
                   "responses": {"204": {"description": "Deleted."}, **E401, **E403R, "404": problem("No such layer.")}}},
    "/layers/{layer}/break-glass": {"parameters": [LAYER],
        "post": {"operationId": "breakGlassLayer", "security": AUTH,
                 "summary": "A chair opens a layer to a named organisation for at most 24 hours, with a reason; journaled.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("BreakGlassInput")}}},
                 "responses": {**ok("Opened.", {"type": "object", "properties": {"organisation": {"type": "string"},
                                    "reason": {"type": "string"}, "validUntil": {"type": "string", "format": "date-time"}}},
                                    status="201"), **EBODY, **E401, **E403R, "404": problem("No such layer.")}}},
})

# XML bodies: application/xml, or text/xml (RFC 7303) which the server takes alike.
XML_BODY = {"application/xml": {"schema": {"type": "string"}}, "text/xml": {"schema": {"type": "string"}}}

# CAP intake: warnings from other systems, kept byte-for-byte, matched to open incidents.
CAP_XML = "application/cap+xml"
WARNING = {"name": "warning", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
doc["components"]["schemas"].update({
    "Warning": {"type": "object", "required": ["id", "identifier", "sender", "sent", "scope", "signature"], "properties": {
        "id": {"type": "string", "format": "uuid"}, "identifier": {"type": "string"}, "sender": {"type": "string"},
        "sent": {"type": "string", "description": "As the alert wrote it."}, "scope": {"enum": ["Public", "Restricted", "Private"]},
        "headline": {"type": "string"}, "capVersion": {"enum": ["1.2", "1.1"]},
        "signature": {"enum": ["unsigned", "verified", "unverifiable"]}, "signatureDetail": {"type": "string"},
        "receivedAt": {"type": "string", "format": "date-time"}, "receivedBy": {"type": "string"},
        "incidents": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string", "format": "uuid"}, "reference": {"type": "string"}}}},
        "incidentIDs": {"type": "array", "items": {"type": "string", "format": "uuid"}},
        "duplicate": {"type": "boolean", "description": "On intake: the alert had been taken in before; nothing changed."}}},
    "CAPAlert": {"type": "object", "description": "The alert content (identifier, sender, sent, status, msgType, scope, "
                 "infos with areas), as read from the CAP XML.", "additionalProperties": True},
})
doc["paths"].update({
    "/cap": {
        "post": {"operationId": "receiveCAP", "security": AUTH,
                 "summary": "Take in a CAP 1.2 (or 1.1) alert. Checked against the OASIS schema and the CAP rules; an "
                            "enveloped XML signature must verify. It becomes an entry of every open incident whose area "
                            "and time it touches. The same alert twice is acknowledged with 200 and changes nothing.",
                 "requestBody": {"required": True, "content": {CAP_XML: {"schema": {"type": "string"}},
                                                                 "application/xml": {"schema": {"type": "string"}},
                                                                 "text/xml": {"schema": {"type": "string"}}}},
                 "responses": {**ok("Taken in.", ref("Warning"), status="201"), **ok("Taken in before.", ref("Warning")),
                               "400": problem("Empty body."), "413": problem("Larger than 5 MiB."),
                               "415": problem("Not CAP XML."),
                               "422": problem("Refused: the detail names every problem (XML, schema, CAP rule, signature)."),
                               **E401, **E403R}}},
    "/cap/alerts": {
        "get": {"operationId": "listWarnings", "security": AUTH,
                "summary": "Warnings taken in, newest first, as far as you may read them.",
                "responses": {**ok("The warnings.", {"type": "array", "items": ref("Warning")}), **E401}}},
    "/cap/alerts/{warning}": {"parameters": [WARNING],
        "get": {"operationId": "showWarning", "security": AUTH, "summary": "A warning and its alert content.",
                "responses": {**ok("The warning.", {"type": "object", "properties": {
                    "warning": ref("Warning"), "alert": ref("CAPAlert")}}), **E401, "404": problem("No such warning.")}}},
    "/cap/alerts/{warning}/original": {"parameters": [WARNING],
        "get": {"operationId": "showWarningOriginal", "security": AUTH, "summary": "The alert exactly as received.",
                "responses": {**ok("The CAP XML, byte-for-byte.", {"type": "string"}, media=CAP_XML), **E401,
                              "404": problem("No such warning.")}}},
})

# Situation reports: numbered per incident, immutable once issued.
NUMBER = {"name": "number", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
doc["components"]["schemas"].update({
    "SitRapSummary": {"type": "object", "properties": {
        "number": {"type": "integer"}, "moment": {"type": "string", "format": "date-time"},
        "issuedAt": {"type": "string", "format": "date-time"}, "issuedBy": {"type": "string"},
        "classification": CLASSIFICATION, "scheduled": {"type": "boolean"}}},
    "SitRap": {"type": "object", "properties": {
        "incident": {"type": "string", "format": "uuid"},
        "sitrap": {"type": "object", "description": "Number, moment, summary, situation, scaleHistory, themes with "
                   "entries, decisions, openActions, partners.", "additionalProperties": True},
        "formats": {"type": "object", "additionalProperties": {"type": "string"}}}},
    "IssueSitRap": {"type": "object", "additionalProperties": False, "properties": {
        "at": {"type": "string", "format": "date-time", "description": "The moment of the picture; default now."},
        "unverified": {"enum": ["leave-out", "mark"], "description": "Default leave-out."},
        "ceiling": CLASSIFICATION, "summary": {"type": "string", "maxLength": 5000}}},
    "SitRapSchedule": {"type": "object", "properties": {
        "intervalMinutes": {"type": "integer", "minimum": 15, "maximum": 1440},
        "unverified": {"enum": ["leave-out", "mark"]}, "nextDue": {"type": "string", "format": "date-time"},
        "setBy": {"type": "string"}}},
})
SITRAP_404 = {"404": problem("No such incident or SitRap.")}
doc["paths"].update({
    "/incidents/{incident}/sitraps": {"parameters": [INCIDENT],
        "get": {"operationId": "listSitRaps", "security": AUTH, "summary": "The incident's SitRaps you may read.",
                "responses": {**ok("The SitRaps.", {"type": "array", "items": ref("SitRapSummary")}), **E401, **E404}},
        "post": {"operationId": "issueSitRap", "security": AUTH,
                 "summary": "Issue a SitRap of the picture at a moment (default now): journaled, numbered, never changed.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("IssueSitRap")}}},
                 "responses": {**ok("Issued.", ref("SitRap"), status="201"), **EBODY, **E401, **E403R, **E404}}},
    "/incidents/{incident}/sitraps/{number}": {"parameters": [INCIDENT, NUMBER],
        "get": {"operationId": "showSitRap", "security": AUTH, "summary": "A SitRap as JSON.",
                "responses": {**ok("The SitRap.", ref("SitRap")), **E401, **E403R, **SITRAP_404}}},
    "/incidents/{incident}/sitraps/{number}/markdown": {"parameters": [INCIDENT, NUMBER],
        "get": {"operationId": "showSitRapMarkdown", "security": AUTH, "summary": "A SitRap as Markdown (map as SVG).",
                "responses": {**ok("Markdown.", {"type": "string"}, media="text/markdown"), **E401, **E403R, **SITRAP_404}}},
    "/incidents/{incident}/sitraps/{number}/pdf": {"parameters": [INCIDENT, NUMBER],
        "get": {"operationId": "showSitRapPDF", "security": AUTH, "summary": "A SitRap as a printable PDF (A4).",
                "responses": {**ok("PDF.", {"type": "string", "format": "binary"}, media="application/pdf"), **E401, **E403R,
                              **SITRAP_404}}},
    "/incidents/{incident}/sitraps/{number}/map.svg": {"parameters": [INCIDENT, NUMBER],
        "get": {"operationId": "showSitRapMap", "security": AUTH, "summary": "The SitRap's map as SVG.",
                "responses": {**ok("SVG.", {"type": "string"}, media="image/svg+xml"), **E401, **E403R,
                              "404": problem("No such SitRap, or it has no map.")}}},
    "/incidents/{incident}/partner-sitraps": {"parameters": [INCIDENT],
        "post": {"operationId": "enterPartnerSitRap", "security": AUTH,
                 "summary": "A koppel or ad-hoc partner's own liaison supplies its SitRap (it waits for the IM's admission), or "
                            "the region's HIN enters it; it becomes one entry in the partner's theme, marked as such.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "required": ["partner", "situation"], "additionalProperties": False, "properties": {
                         "partner": {"type": "string", "description": "The partner's organisation code."},
                         "reportedAt": {"type": "string", "format": "date-time"}, "situation": {"type": "string"},
                         "measures": {"type": "string"}, "expectation": {"type": "string"}, "needs": {"type": "string"},
                         "contact": {"type": "string"}}}}}},
                 "responses": {**ok("The entry.", ref("Entry"), status="201"), **EBODY, **E401, **E403R, **E404}}},
    "/incidents/{incident}/sitrap-schedule": {"parameters": [INCIDENT],
        "get": {"operationId": "showSitRapSchedule", "security": AUTH, "summary": "The incident's SitRap schedule.",
                "responses": {**ok("The schedule.", ref("SitRapSchedule")), **E401, "404": problem("No schedule.")}},
        "put": {"operationId": "setSitRapSchedule", "security": AUTH,
                "summary": "Issue a SitRap automatically every intervalMinutes (15 to 1440) while the incident is open.",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["intervalMinutes"], "additionalProperties": False, "properties": {
                        "intervalMinutes": {"type": "integer", "minimum": 15, "maximum": 1440},
                        "unverified": {"enum": ["leave-out", "mark"]}}}}}},
                "responses": {**ok("The schedule.", ref("SitRapSchedule")), **EBODY, **E401, **E403R, **E404}},
        "delete": {"operationId": "stopSitRapSchedule", "security": AUTH, "summary": "Stop the schedule.",
                   "responses": {"204": {"description": "Stopped."}, **E401, **E403R, "404": problem("No schedule.")}}},
})

# Public warnings: CAP 1.2 published from an incident, carried by /cap/feed.xml, /cap/{id}.xml and /waarschuwingen/{id}.
TEXTS = {"type": "object", "required": ["nl", "en"], "additionalProperties": False,
         "properties": {"nl": {"type": "string"}, "en": {"type": "string"}}}
doc["components"]["schemas"].update({
    "PublicWarningInput": {"type": "object", "additionalProperties": False,
        "required": ["event", "headline", "instruction", "urgency", "severity", "certainty"], "properties": {
        "event": TEXTS, "headline": TEXTS, "description": TEXTS,
        "instruction": {**TEXTS, "description": "The handelingsperspectief: what citizens should do."},
        "areaDescription": TEXTS,
        "category": {"enum": ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"]},
        "responseType": {"enum": ["Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None"]},
        "urgency": {"enum": ["Immediate", "Expected", "Future", "Past", "Unknown"]},
        "severity": {"enum": ["Extreme", "Severe", "Moderate", "Minor", "Unknown"]},
        "certainty": {"enum": ["Observed", "Likely", "Possible", "Unlikely", "Unknown"]},
        "expires": {"type": "string", "format": "date-time"},
        "radiusKm": {"type": "number", "minimum": 0.1, "maximum": 100,
                     "description": "Radius around an incident that is only a point (default 1)."}}},
    "PublicWarning": {"type": "object", "properties": {
        "id": {"type": "string", "format": "uuid"}, "number": {"type": "integer"}, "identifier": {"type": "string"},
        "sent": {"type": "string"}, "msgType": {"enum": ["Alert", "Update", "Cancel"]}, "status": {"enum": ["Actual", "Exercise"]},
        "headline": {"type": "string"}, "cancelled": {"type": "boolean"}, "publishedBy": {"type": "string"},
        "page": {"type": "string"}, "cap": {"type": "string"}}},
})
doc["paths"].update({
    "/incidents/{incident}/public-warnings": {"parameters": [INCIDENT],
        "get": {"operationId": "listPublicWarnings", "security": AUTH, "summary": "The incident's published warnings.",
                "responses": {**ok("The warnings.", {"type": "array", "items": ref("PublicWarning")}), **E401, **E404}},
        "post": {"operationId": "publishPublicWarning", "security": AUTH,
                 "summary": "Publish a public warning as CAP 1.2 (nl-NL and en-US, the incident's area as polygons and "
                            "circles). Publishing approves the handelingsperspectief: crisis-team roles only. A later one "
                            "is an Update of the earlier ones. Checked against the OASIS schema before it is stored.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("PublicWarningInput")}}},
                 "responses": {**ok("Published.", ref("PublicWarning"), status="201"), **EBODY, **E401, **E403R, **E404,
                               "409": problem("The incident is closed.")}}},
    "/incidents/{incident}/public-warnings/cancel": {"parameters": [INCIDENT],
        "post": {"operationId": "cancelPublicWarnings", "security": AUTH,
                 "summary": "Withdraw the incident's live warnings with a CAP Cancel that references them.",
                 "responses": {**ok("The Cancel message.", ref("PublicWarning")), **E401, **E403R, **E404,
                               "409": problem("Nothing to withdraw.")}}},
})

# EDXL-DE: envelopes in, and published warnings out in an envelope.
doc["paths"].update({
    "/edxl-de": {
        "post": {"operationId": "receiveEDXLDE", "security": AUTH,
                 "summary": "Take in an EDXL-DE 1.0 or 2.0 envelope: checked against the OASIS schema; every CAP alert in it "
                            "is taken in as by POST /cap (one refused alert refuses the envelope); other content is reported.",
                 "requestBody": {"required": True, "content": XML_BODY},
                 "responses": {**ok("What each content object was.", {"type": "object", "properties": {
                     "distributionID": {"type": "string"}, "senderID": {"type": "string"}, "version": {"enum": ["1.0", "2.0"]},
                     "contents": {"type": "array", "items": {"type": "object", "properties": {
                         "index": {"type": "integer"}, "kind": {"enum": ["cap", "xml", "non-xml"]},
                         "namespace": {"type": "string"}, "warning": ref("Warning")}}}}}),
                               "400": problem("Empty body."), "413": problem("Larger than 10 MiB."), "415": problem("Not XML."),
                               "422": problem("Refused: the detail names the problem (XML, schema, or which content object)."),
                               **E401, **E403R}}},
    "/incidents/{incident}/public-warnings/{number}/edxl-de": {"parameters": [INCIDENT, NUMBER,
            {"name": "version", "in": "query", "schema": {"enum": ["1.0", "2.0"], "default": "2.0"}}],
        "get": {"operationId": "showPublicWarningEnvelope", "security": AUTH,
                "summary": "A published warning in an EDXL-DE envelope; the CAP inside is the published XML.",
                "responses": {**ok("The envelope.", {"type": "string"}, media="application/xml"), **E401,
                              "404": problem("No such incident or warning."), "422": problem("Unknown version.")}}},
})

# Federation between nodes: identity and the signed inbox.
doc["paths"].update({
    "/federation/node": {
        "get": {"operationId": "showNode", "summary": "This node's name and Ed25519 public key, for peers to trust it.",
                "responses": {**ok("The node.", {"type": "object", "properties": {
                    "name": {"type": "string"}, "publicKey": {"type": "string", "description": "Base64 of the 32-byte key."}}}),
                              "404": problem("The node has no identity yet (knooppunt node init).")}}},
    "/federation/inbox": {
        "post": {"operationId": "deliverNodeMessage",
                 "summary": "A trusted peer delivers one message: an EDXL-DE 2.0 envelope (distributionID = message id, "
                            "keywords urn:knooppunt:sequence and urn:knooppunt:message-kind, explicitAddress knooppunt-node "
                            "= this node, JSON content), with the headers Knooppunt-Node (the sender) and Knooppunt-Signature "
                            "(base64 Ed25519 signature over the exact body). Applied once, in the sender's order; every "
                            "refusal is journaled.",
                 "parameters": [{"name": "Knooppunt-Node", "in": "header", "required": True, "schema": {"type": "string"}},
                                {"name": "Knooppunt-Signature", "in": "header", "required": True, "schema": {"type": "string"}}],
                 "requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}},
                 "responses": {**ok("Applied.", {"type": "object", "properties": {"status": {"const": "applied"},
                                     "sequence": {"type": "integer"}}}, status="201"),
                               **ok("Applied before; nothing changed.", {"type": "object", "properties": {
                                   "status": {"const": "duplicate"}, "sequence": {"type": "integer"}}}),
                               "400": problem("Empty body."), "401": problem("Unsigned, or no sending node named."),
                               "429": problem("Too many refused requests from this address; see Retry-After."),
                               "403": problem("The node is not trusted, or the signature does not verify."),
                               "409": problem("Messages are missing before this one; header Knooppunt-Expected-Sequence."),
                               "422": problem("Not a node message, or not for this node."),
                               "503": problem("This node has no identity yet.")}}},
})

doc["paths"].update({
    "/national/incidents": {
        "get": {"operationId": "listNationalIncidents", "security": AUTH,
                "summary": "On the national node (serve --role national): the incidents the regional nodes shared, "
                           "highest GRIP first, each with its source node and the age of its last change. For the "
                           "national node's staff.",
                "responses": {**ok("The incidents.", {"type": "array", "items": {"type": "object", "properties": {
                    "sourceNode": {"type": "string"}, "summary": {"type": "object", "additionalProperties": True},
                    "receivedAt": {"type": "string", "format": "date-time"}, "ageSeconds": {"type": "integer"}}}}),
                              **E401, **E403R, "404": problem("This node is not the national node.")}}},
})

ADVISORY = {"type": "object", "properties": {
    "id": {"type": "string", "format": "uuid"}, "kind": {"enum": ["advisory", "risk", "handelingsperspectief"]},
    "title": {"type": "string"}, "text": {"type": "string"}, "from": {"type": "string"},
    "createdAt": {"type": "string", "format": "date-time"}, "acknowledgedAt": {"type": "string", "format": "date-time"},
    "acknowledgedBy": {"type": "string"},
    "deliveries": {"type": "array", "items": {"type": "object", "properties": {
        "node": {"type": "string"}, "acknowledgedAt": {"type": "string", "format": "date-time"},
        "acknowledgedBy": {"type": "string"}}}}}}
doc["paths"].update({
    "/national/advisories": {
        "get": {"operationId": "listSentAdvisories", "security": AUTH,
                "summary": "On the national node: the advisories sent to the regions, with each regional node's acknowledgement.",
                "responses": {**ok("The advisories.", {"type": "array", "items": ADVISORY}), **E401, **E403R}},
        "post": {"operationId": "sendAdvisory", "security": AUTH,
                 "summary": "On the national node: send an advisory, risk message or handelingsperspectief to the named "
                            "regions (their trusted nodes), or with none named to every regional node.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "required": ["kind", "title", "text"], "additionalProperties": False, "properties": {
                         "kind": {"enum": ["advisory", "risk", "handelingsperspectief"]}, "title": {"type": "string"},
                         "text": {"type": "string"}, "regions": {"type": "array", "items": {"type": "string"}}}}}}},
                 "responses": {**ok("Sent (queued for each node).", ADVISORY, status="201"), **EBODY, **E401, **E403R,
                               "404": problem("This node is not the national node.")}}},
    "/advisories": {
        "get": {"operationId": "listReceivedAdvisories", "security": AUTH,
                "summary": "On a regional node: the advisories received from the national node.",
                "responses": {**ok("The advisories.", {"type": "array", "items": ADVISORY}), **E401, **E403R}}},
    "/advisories/{advisory}/acknowledge": {"parameters": [{"name": "advisory", "in": "path", "required": True,
                                                             "schema": {"type": "string", "format": "uuid"}}],
        "post": {"operationId": "acknowledgeAdvisory", "security": AUTH,
                 "summary": "The region acknowledges an advisory; the acknowledgement goes back to the national node.",
                 "responses": {**ok("Acknowledged.", ADVISORY), **E401, **E403R, "404": problem("No such received advisory.")}}},
})

OBJ = {"type": "object", "additionalProperties": True}
UUIDP = lambda name: {"name": name, "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
MEMBERS = {"type": "array", "items": {"type": "object", "required": ["node", "incident"], "additionalProperties": False,
           "properties": {"node": {"type": "string"}, "incident": {"type": "string", "format": "uuid"}}}}
GROUPING = {"type": "object", "properties": {
    "id": {"type": "string", "format": "uuid"}, "name": {"type": "string"}, "description": {"type": "string"},
    "createdAt": {"type": "string", "format": "date-time"}, "createdBy": {"type": "string"},
    "members": {"type": "array", "items": {"type": "object", "properties": {"node": {"type": "string"}, "summary": OBJ}}},
    "regions": {"type": "array", "items": {"type": "string"}}, "highestGRIP": {"type": "integer"},
    "sharedEntries": {"type": "array", "items": OBJ}}}
SHARED_SITRAP = {"type": "object", "required": ["incident", "sitrap", "number", "classification", "issuedAt", "content"],
                 "properties": {"incident": {"type": "string", "format": "uuid"}, "sitrap": {"type": "string", "format": "uuid"},
                                "number": {"type": "integer", "minimum": 1}, "classification": CLASSIFICATION,
                                "issuedAt": {"type": "string", "format": "date-time"},
                                "content": {"type": "string", "description": "The SitRap as JSON, as the source stored it."},
                                "map": {"type": "string", "description": "The SitRap's map as SVG, when it has one."}}}
doc["components"]["schemas"]["Acknowledgement"] = {
    "type": "object", "required": ["entry", "acknowledgedAt", "acknowledgedBy"], "additionalProperties": False,
    "properties": {"entry": {"type": "string", "format": "uuid"}, "acknowledgedAt": {"type": "string", "format": "date-time"},
                   "acknowledgedBy": {"type": "string", "description": "The person's name."}}}
doc["components"]["schemas"]["UrgentEntries"] = {
    "type": "object", "required": ["unacknowledged", "entries"], "additionalProperties": False,
    "properties": {"unacknowledged": {"type": "integer", "minimum": 0},
                   "entries": {"type": "array", "items": {
                       "type": "object", "required": ["entry", "priority", "text", "theme", "observedAt"], "additionalProperties": False,
                       "properties": {"entry": {"type": "string", "format": "uuid"}, "priority": ref("Priority"),
                                      "text": {"type": "string"}, "theme": {"type": "string"},
                                      "observedAt": {"type": "string", "format": "date-time"},
                                      "acknowledgement": ref("Acknowledgement")}}}}}
NOT_NATIONAL = {"404": problem("This node is not the national node, or no such item.")}
doc["paths"].update({
    "/incidents/{incident}/entries/{entry}/national-sharing": {"parameters": [INCIDENT, UUIDP("entry")],
        "post": {"operationId": "shareEntryNationally", "security": AUTH,
                 "summary": "On a regional node with a national node: the IM marks an entry for national sharing. This and "
                            "every later version go to the national node while the entry stays in the shared picture at "
                            "internal or lower; otherwise it is withdrawn there.",
                 "responses": {**ok("Marked and queued.", {"type": "object", "properties": {
                     "entry": {"type": "string", "format": "uuid"}, "sharedAt": {"type": "string", "format": "date-time"},
                     "sharedBy": {"type": "string"}}}, status="201"), **E401, **E403R,
                               "404": problem("No such incident or entry."),
                               "409": problem("Already shared, an exercise, or no national node."),
                               "422": problem("Above internal, or not in the shared picture.")}},
        "delete": {"operationId": "unshareEntryNationally", "security": AUTH,
                   "summary": "Stop sharing an entry nationally; the national node drops it.",
                   "responses": {"204": {"description": "Unmarked; the withdrawal is queued."}, **E401, **E403R,
                                 "404": problem("No such incident or entry."), "409": problem("The entry is not shared.")}}},
    "/incidents/{incident}/urgent": {"parameters": [INCIDENT],
        "get": {"operationId": "urgentEntries", "security": AUTH,
                "summary": "The urgent entries (priority spoed or hoog) the caller may read, unacknowledged first (decision "
                           "0022). A partner never sees, nor counts, an entry it may not read.",
                "responses": {**ok("The urgent entries.", ref("UrgentEntries")), **E401, **E403R,
                              "404": problem("No such incident, or not visible to the caller.")}}},
    "/incidents/{incident}/entries/{entry}/acknowledgement": {"parameters": [INCIDENT, UUIDP("entry")],
        "post": {"operationId": "acknowledgeEntry", "security": AUTH,
                 "summary": "Acknowledge an urgent entry: it leaves the urgent banner on every open page of the incident. "
                            "The staff of an involved region who add entries and see the entry may (decision 0022); "
                            "journaled as entry.acknowledged. No request body.",
                 "responses": {**ok("Acknowledged.", ref("Acknowledgement"), status="201"), **E401, **E403R,
                               "404": problem("No such incident or entry, or the entry is not visible to the caller."),
                               "409": problem("The entry is acknowledged already."),
                               "422": problem("The entry's priority is not spoed or hoog.")}}},
    "/federation/incidents/{incident}/picture": {"parameters": [INCIDENT],
        "get": {"operationId": "sourcePictureForNationalUser",
                "summary": "Node to node: the national node asks for an incident's picture on behalf of one of its users. "
                           "Headers Knooppunt-Node, Knooppunt-Recipient, Knooppunt-Date, Knooppunt-User, Knooppunt-Role, "
                           "Knooppunt-Organisation and Knooppunt-Signature (Ed25519 over method, path, date, both nodes and "
                           "the user). This node's access policy decides what that user sees; the read is journaled.",
                "responses": {**ok("The picture as that user may see it.", ref("Picture")),
                              "401": problem("Unsigned, undated or too old."),
                              "429": problem("Too many refused requests from this address; see Retry-After."),
                              "403": problem("Not the trusted national node, a signature that does not verify, or a user "
                                             "the policy refuses."),
                              "404": problem("No such incident (or not one the user may know of).")}}},
    "/national/incidents/{node}/{incident}": {"parameters": [{"name": "node", "in": "path", "required": True,
                                                               "schema": {"type": "string"}}, INCIDENT],
        "get": {"operationId": "showNationalIncident", "security": AUTH,
                "summary": "On the national node: one incident's summary, the details fetched now from its source node on "
                           "your behalf (or your cached copy with its age when the source cannot be reached), and the "
                           "entries and SitRaps the region shared.",
                "responses": {**ok("The incident.", {"type": "object", "properties": {
                    "sourceNode": {"type": "string"}, "summary": OBJ, "fetchedAt": {"type": "string", "format": "date-time"},
                    "ageSeconds": {"type": "integer"}, "fromCache": {"type": "boolean"}, "sourceProblem": {"type": "string"},
                    "picture": OBJ, "sharedEntries": {"type": "array", "items": OBJ},
                    "sitraps": {"type": "array", "items": OBJ}}}),
                              **E401, **E403R, **NOT_NATIONAL,
                              "502": problem("The source answered with something unreadable.")}}},
    "/national/sitraps/{item}": {"parameters": [UUIDP("item")],
        "get": {"operationId": "showSharedSitRap", "security": AUTH,
                "summary": "On the national node: a SitRap a regional node shared, with its composed content and map.",
                "responses": {**ok("The shared SitRap.", SHARED_SITRAP), **E401, **E403R, **NOT_NATIONAL}}},
    "/national/groupings": {
        "get": {"operationId": "listGroupings", "security": AUTH,
                "summary": "On the national node: the bovenregionale bundelingen (supra-regional bundles of incidents). "
                           "Not the IRBT, which is the voorzitters' team on one incident (/incidents/{incident}/irbt).",
                "responses": {**ok("The groupings.", {"type": "array", "items": GROUPING}), **E401, **E403R, **NOT_NATIONAL}},
        "post": {"operationId": "createGrouping", "security": AUTH,
                 "summary": "On the national node: join two or more incidents of the national picture, from two or more "
                            "regions, into one bovenregionale bundeling. Incidents of one region only are refused (422, "
                            "field incidents).",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "required": ["name", "incidents"], "additionalProperties": False, "properties": {
                         "name": {"type": "string"}, "description": {"type": "string"}, "incidents": MEMBERS}}}}},
                 "responses": {**ok("Created.", GROUPING, status="201"), **EBODY, **E401, **E403R, **NOT_NATIONAL}}},
    "/national/groupings/{grouping}": {"parameters": [UUIDP("grouping")],
        "get": {"operationId": "showGrouping", "security": AUTH,
                "summary": "One bovenregionale bundeling: its incidents, regions, highest GRIP and the entries those regions shared.",
                "responses": {**ok("The grouping.", GROUPING), **E401, **E403R, **NOT_NATIONAL}}},
    "/national/groupings/{grouping}/members": {"parameters": [UUIDP("grouping")],
        "put": {"operationId": "setGroupingMembers", "security": AUTH,
                "summary": "Replace a bovenregionale bundeling's incidents (two or more, from two or more regions; "
                           "otherwise 422, field incidents).",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["incidents"], "additionalProperties": False,
                    "properties": {"incidents": MEMBERS}}}}},
                "responses": {**ok("Changed.", GROUPING), **EBODY, **E401, **E403R, **NOT_NATIONAL}}},
})

ITEM = {"type": "object", "properties": {
    "id": {"type": "string", "format": "uuid"}, "holder": {"type": "string"}, "type": {"type": "string"},
    "label": {"type": "string"}, "count": {"type": "integer"}, "unavailable": {"type": "integer"},
    "committed": {"type": "integer"}, "available": {"type": "integer"}, "keepForOwn": {"type": "integer"},
    "offerable": {"type": "integer"}, "readinessMinutes": {"type": "integer"}, "longitude": {"type": "number"},
    "latitude": {"type": "number"}, "version": {"type": "integer"}, "updatedAt": {"type": "string", "format": "date-time"},
    "updatedBy": {"type": "string"}}}
ITEM_INPUT = {"type": "object", "required": ["type", "label", "count"], "additionalProperties": False, "properties": {
    "holder": {"type": "string", "description": "Defaults to your organisation."}, "type": {"type": "string"},
    "label": {"type": "string"}, "count": {"type": "integer", "minimum": 0}, "unavailable": {"type": "integer", "minimum": 0},
    "keepForOwn": {"type": "integer", "minimum": 0}, "readinessMinutes": {"type": "integer", "minimum": 0, "maximum": 10080},
    "longitude": {"type": "number"}, "latitude": {"type": "number"},
    "baseVersion": {"type": "integer", "description": "Required when changing a line."}}}
CTYPE = {"type": "object", "properties": {"code": {"type": "string"}, "nl": {"type": "string"}, "en": {"type": "string"},
         "category": {"enum": ["brandweer", "ghor", "bevolkingszorg", "specialist", "materieel", "overig"]}}}
COMMITMENT = {"type": "object", "required": ["id", "offer", "holder", "quantity", "status", "committedAt", "committedBy"],
    "properties": {
        "id": {"type": "string", "format": "uuid"}, "offer": {"type": "string", "format": "uuid"}, "holder": {"type": "string"},
        "capacityItem": {"type": "string", "format": "uuid"}, "quantity": {"type": "integer"},
        "status": {"enum": ["committed", "deployed", "released"]},
        "committedAt": {"type": "string", "format": "date-time"}, "committedBy": {"type": "string"},
        "deployedAt": {"type": "string", "format": "date-time"}, "releasedAt": {"type": "string", "format": "date-time"}}}
AREQ = {"type": "object", "properties": {
    "id": {"type": "string", "format": "uuid"}, "number": {"type": "string"}, "requester": {"type": "string"},
    "externalRequester": {"type": "string"}, "incident": {"type": "string", "format": "uuid"}, "type": {"type": "string"},
    "typeNote": {"type": "string"}, "quantity": {"type": "integer"}, "committedQuantity": {"type": "integer"},
    "locationText": {"type": "string"}, "longitude": {"type": "number"}, "latitude": {"type": "number"},
    "from": {"type": "string", "format": "date-time"}, "until": {"type": "string", "format": "date-time"},
    "reason": {"type": "string"},
    "status": {"enum": ["draft", "requested", "offered", "committed", "deployed", "released", "closed", "withdrawn", "declined"]},
    "offers": {"type": "array", "items": {"type": "object", "properties": {
        "id": {"type": "string", "format": "uuid"}, "holder": {"type": "string"}, "capacityItem": {"type": "string", "format": "uuid"},
        "quantity": {"type": "integer"}, "note": {"type": "string"},
        "status": {"enum": ["proposed", "open", "accepted", "declined", "withdrawn"]}}}},
    "commitments": {"type": "array", "items": COMMITMENT}}}
REQ_ID = UUIDP("request")
STEP = {**ok("The request after the step.", AREQ), **E401, **E403R, "404": problem("No such request, offer or commitment."),
        "409": problem("The step does not fit the request's state, or the capacity is not available.")}
BROKER = {"type": "object", "required": ["matches", "decisions"], "properties": {
    "matches": {"type": "array", "items": {"type": "object", "required": ["request", "needed", "proposals"], "properties": {
        "request": AREQ, "needed": {"type": "integer", "minimum": 0, "description": "Asked for, minus committed and open offers."},
        "proposals": {"type": "array", "items": {"type": "object",
            "required": ["capacityItem", "holder", "label", "quantity", "offerable", "readinessMinutes"], "properties": {
            "capacityItem": {"type": "string", "format": "uuid"}, "holder": {"type": "string"}, "label": {"type": "string"},
            "quantity": {"type": "integer"}, "offerable": {"type": "integer"}, "readinessMinutes": {"type": "integer"},
            "distanceKm": {"type": "number"}, "etaMinutes": {"type": "integer"}}}}}}},
    "decisions": {"type": "array", "items": "DECISION-PLACEHOLDER"}}}
def body(schema):
    return {"required": True, "content": {"application/json": {"schema": schema}}}
def obj(required, properties):
    return {"type": "object", "required": required, "additionalProperties": False, "properties": properties}
UUIDS = {"type": "string", "format": "uuid"}
DECISION = {"type": "object", "properties": {
    "id": UUIDS, "type": {"type": "string"}, "authority": {"enum": ["minister-jenv", "voorzitters-veiligheidsregio"]},
    "decision": {"type": "string"}, "reason": {"type": "string"}, "priorities": {"type": "array", "items": {"type": "string"}},
    "decidedAt": {"type": "string", "format": "date-time"}, "recordedBy": {"type": "string"}}}
BROKER["properties"]["decisions"]["items"] = DECISION
doc["paths"].update({
    "/capacity": {
        "get": {"operationId": "listCapacity", "security": AUTH,
                "summary": "The registry: every line with its count, unavailable, committed (from active commitments), "
                           "available and offerable numbers. Filters holder and type.",
                "parameters": [{"name": "holder", "in": "query", "schema": {"type": "string"}},
                               {"name": "type", "in": "query", "schema": {"type": "string"}}],
                "responses": {**ok("The lines.", {"type": "array", "items": ITEM}), **E401, **E403R}},
        "post": {"operationId": "addCapacity", "security": AUTH, "summary": "Add a line for your organisation.",
                 "requestBody": body(ITEM_INPUT),
                 "responses": {**ok("Added.", ITEM, status="201"), **EBODY, **E401, **E403R,
                               "409": problem("That type at that place exists already.")}}},
    "/capacity/{item}": {"parameters": [UUIDP("item")],
        "patch": {"operationId": "changeCapacity", "security": AUTH,
                  "summary": "Change a line, naming the version you changed; never below what is committed.",
                  "requestBody": body(ITEM_INPUT),
                  "responses": {**ok("Changed.", ITEM), **EBODY, **E401, **E403R, "404": problem("No such line."),
                                "409": problem("Stale version, or counts below what is committed.")}},
        "delete": {"operationId": "removeCapacity", "security": AUTH, "summary": "Remove a line with nothing committed or offered.",
                   "responses": {"204": {"description": "Removed."}, **E401, **E403R, "404": problem("No such line."),
                                 "409": problem("Committed or offered.")}}},
    "/capacity/types": {
        "get": {"operationId": "listCapacityTypes", "security": AUTH, "summary": "The catalogue of capacity types.",
                "responses": {**ok("The types.", {"type": "array", "items": CTYPE}), **E401}},
        "post": {"operationId": "addCapacityType", "security": AUTH, "summary": "Administrators add a type to the catalogue.",
                 "requestBody": body(obj(["code", "nl", "en", "category"], CTYPE["properties"])),
                 "responses": {**ok("Added.", CTYPE, status="201"), **EBODY, **E401, **E403R, "409": problem("The code exists.")}}},
    "/capacity/import": {
        "post": {"operationId": "importCapacity", "security": AUTH,
                 "summary": "Import your lines from CSV (columns type,label,count[,unavailable,keep_for_own,readiness_minutes,"
                            "longitude,latitude]). Lines with the same type and label change; others are added. Every bad "
                            "row is named and then nothing is imported.",
                 "parameters": [{"name": "holder", "in": "query", "schema": {"type": "string"}}],
                 "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}},
                 "responses": {**ok("Imported.", {"type": "object", "properties": {"added": {"type": "integer"},
                                                                                    "changed": {"type": "integer"}}}),
                               "400": problem("Empty or not UTF-8."), "415": problem("Not text/csv."),
                               "422": problem("The bad rows, each named."), **E401, **E403R}}},
    "/capacity/overview": {
        "get": {"operationId": "capacityOverview", "security": AUTH,
                "summary": "Capacity per type and holder (count, available, committed, unavailable) and every open request. On the "
                           "national node also what the regional nodes reported: rows with their source node, their open "
                           "requests, and when each node last reported.",
                "responses": {**ok("The overview.", {"type": "object", "properties": {
                    "rows": {"type": "array", "items": {"type": "object",
                        "required": ["type", "holder", "count", "available", "committed", "unavailable"], "properties": {
                        "type": {"type": "string"}, "holder": {"type": "string"}, "count": {"type": "integer"},
                        "available": {"type": "integer"}, "committed": {"type": "integer"}, "unavailable": {"type": "integer"},
                        "source": {"type": "string", "description": "On the national node: the regional node that reported it."}}}},
                    "openRequests": {"type": "array", "items": AREQ},
                    "remoteRequests": {"type": "array", "items": {"type": "object", "properties": {
                        "node": {"type": "string"}, "request": AREQ, "receivedAt": {"type": "string", "format": "date-time"}}}},
                    "sources": {"type": "array", "items": {"type": "object", "properties": {
                        "node": {"type": "string"}, "receivedAt": {"type": "string", "format": "date-time"}}}}}}), **E401, **E403R}}},
    "/capacity/broker": {
        "get": {"operationId": "capacityBroker", "security": AUTH,
                "summary": "For the national node: each open request with what is still needed and proposed lines of other "
                           "holders, soonest there first (readiness plus travel), within what they can spare.",
                "responses": {**ok("The matches.", BROKER), **E401, **E403R}}},
    "/capacity/allocation-decisions": {
        "get": {"operationId": "listAllocationDecisions", "security": AUTH, "summary": "Scarce-resource allocation decisions.",
                "responses": {**ok("The decisions.", {"type": "array", "items": DECISION}), **E401, **E403R}},
        "post": {"operationId": "recordAllocationDecision", "security": AUTH,
                 "summary": "The national node records an allocation decision of the competent authority, with its reason "
                            "and the requests in order of priority.",
                 "requestBody": body(obj(["type", "authority", "decision", "reason"], {
                     "type": {"type": "string"}, "authority": DECISION["properties"]["authority"], "decision": {"type": "string"},
                     "reason": {"type": "string"}, "priorities": {"type": "array", "items": {"type": "string"}}})),
                 "responses": {**ok("Recorded.", DECISION, status="201"), **EBODY, **E401, **E403R}}},
    "/capacity/stream": {
        "get": {"operationId": "capacityStream", "security": AUTH,
                "summary": "Server-Sent Events: a signal (sequence and kind) whenever capacity or a request changes.",
                "responses": {**ok("The stream.", {"type": "string"}, media="text/event-stream"), **E401, **E403R}}},
    "/assistance-requests": {
        "get": {"operationId": "listAssistanceRequests", "security": AUTH,
                "summary": "Assistance requests, newest first (drafts only to their requester); ?open=true for open ones.",
                "parameters": [{"name": "open", "in": "query", "schema": {"type": "boolean"}}],
                "responses": {**ok("The requests.", {"type": "array", "items": AREQ}), **E401, **E403R}},
        "post": {"operationId": "requestAssistance", "security": AUTH,
                 "summary": "A region or the national node asks for capacity: what, how many, where, from when to when, why. "
                            "submit=false keeps it a draft. Submitting is the competent authority's (the burgemeester or "
                            "voorzitter over the incident, outside one the region's voorzitter or the minister of JenV) or "
                            "their mandatary's; anyone else drafts a proposal, and submit=true answers 403 naming who decides "
                            "(decision 0020).",
                 "requestBody": body(obj(["type", "quantity", "locationText", "reason"], {
                     "type": {"type": "string"}, "typeNote": {"type": "string"}, "quantity": {"type": "integer", "minimum": 1},
                     "incident": UUIDS, "locationText": {"type": "string"}, "longitude": {"type": "number"},
                     "latitude": {"type": "number"}, "from": {"type": "string", "format": "date-time"},
                     "until": {"type": "string", "format": "date-time"}, "reason": {"type": "string"}, "submit": {"type": "boolean"}})),
                 "responses": {**ok("Requested.", AREQ, status="201"), **EBODY, **E401, **E403R}}},
    "/assistance-requests/{request}": {"parameters": [REQ_ID],
        "get": {"operationId": "showAssistanceRequest", "security": AUTH, "summary": "One request with its offers and commitments.",
                "responses": {**ok("The request.", AREQ), **E401, **E403R, "404": problem("No such request.")}}},
    "/assistance-requests/{request}/submit": {"parameters": [REQ_ID],
        "post": {"operationId": "submitAssistanceRequest", "security": AUTH,
                 "summary": "Submit a draft: the competent authority or its mandatary for bijstand (decision 0020); others get 403 naming who decides.",
                 "responses": STEP}},
    "/assistance-requests/{request}/close": {"parameters": [REQ_ID],
        "post": {"operationId": "closeAssistanceRequest", "security": AUTH,
                 "summary": "The requester closes a request once nothing is committed any more.", "responses": STEP}},
    "/assistance-requests/{request}/withdraw": {"parameters": [REQ_ID],
        "post": {"operationId": "withdrawAssistanceRequest", "security": AUTH,
                 "summary": "The requester withdraws at any step; commitments are released, open offers end.",
                 "requestBody": {"required": False, "content": {"application/json": {"schema": obj([], {"reason": {"type": "string"}})}}},
                 "responses": STEP}},
    "/assistance-requests/{request}/decline": {"parameters": [REQ_ID],
        "post": {"operationId": "declineAssistanceRequest", "security": AUTH,
                 "summary": "The national node declines a request, with the reason, only under an allocation decision of the "
                            "competent authority for its type that leaves the request out (decision 0020: bijstand follows "
                            "authority); otherwise 403.",
                 "requestBody": body(obj(["reason"], {"reason": {"type": "string"}})), "responses": STEP}},
    "/assistance-requests/{request}/offers": {"parameters": [REQ_ID],
        "post": {"operationId": "offerCapacity", "security": AUTH,
                 "summary": "A holder offers units of one of its lines (within what it can spare).",
                 "requestBody": body(obj(["capacityItem", "quantity"], {"capacityItem": UUIDS, "quantity": {"type": "integer"},
                                                                         "note": {"type": "string"}})),
                 "responses": {**STEP, **ok("Offered.", AREQ, status="201")}}},
    "/assistance-requests/{request}/proposals": {"parameters": [REQ_ID],
        "post": {"operationId": "proposeCapacity", "security": AUTH,
                 "summary": "The national broker proposes another holder's line; the holder confirms before it can be accepted.",
                 "requestBody": body(obj(["capacityItem", "quantity"], {"capacityItem": UUIDS, "quantity": {"type": "integer"},
                                                                         "note": {"type": "string"}})),
                 "responses": {**STEP, **ok("Proposed.", AREQ, status="201")}}},
    "/assistance-requests/{request}/offers/{offer}/confirm": {"parameters": [REQ_ID, UUIDP("offer")],
        "post": {"operationId": "confirmProposal", "security": AUTH, "summary": "The holder confirms a broker's proposal.",
                 "responses": STEP}},
    "/assistance-requests/{request}/offers/{offer}/withdraw": {"parameters": [REQ_ID, UUIDP("offer")],
        "post": {"operationId": "withdrawOffer", "security": AUTH, "summary": "The holder withdraws an open or proposed offer.",
                 "responses": STEP}},
    "/assistance-requests/{request}/offers/{offer}/decline": {"parameters": [REQ_ID, UUIDP("offer")],
        "post": {"operationId": "declineOffer", "security": AUTH, "summary": "The requester declines an offer.", "responses": STEP}},
    "/assistance-requests/{request}/commitments": {"parameters": [REQ_ID],
        "get": {"operationId": "listCommitments", "security": AUTH, "summary": "The request's commitments.",
                "responses": {**ok("The commitments.", {"type": "array", "items": COMMITMENT}), **E401, **E403R, "404": problem("No such request.")}},
        "post": {"operationId": "acceptOffer", "security": AUTH,
                 "summary": "The requester accepts an offer: its units are committed, checked against what is available now.",
                 "requestBody": body(obj(["offer"], {"offer": UUIDS})),
                 "responses": {**STEP, **ok("Committed.", AREQ, status="201")}}},
    "/assistance-requests/{request}/commitments/{commitment}/deploy": {"parameters": [REQ_ID, UUIDP("commitment")],
        "post": {"operationId": "reportDeployed", "security": AUTH, "summary": "The holder or requester reports the units deployed.",
                 "responses": STEP}},
    "/assistance-requests/{request}/releases": {"parameters": [REQ_ID],
        "post": {"operationId": "releaseCommitment", "security": AUTH,
                 "summary": "The requester releases a commitment; its units are available to the holder again at once.",
                 "requestBody": body(obj(["commitment"], {"commitment": UUIDS})),
                 "responses": {**STEP, **ok("Released.", AREQ, status="201")}}},
})

RM_INTAKE = {"type": "object", "required": ["messageID", "kind", "outcome", "duplicate"], "properties": {
    "messageID": {"type": "string"}, "kind": {"enum": ["RequestResource", "CommitResource", "ReleaseResource"]},
    "request": {"type": "string", "format": "uuid", "description": "The request it created or answered, when there is one here."},
    "number": {"type": "string", "description": "That request's number."},
    "outcome": {"type": "string", "description": "What became of the message, in words."},
    "duplicate": {"type": "boolean", "description": "Taken in before; nothing changed."}}}
doc["paths"].update({
    "/edxl-rm": {
        "post": {"operationId": "receiveResourceMessage", "security": AUTH,
                 "summary": "Take in an EDXL-RM 1.0 RequestResource (a request of your organisation), CommitResource (an offer "
                            "on the request it answers) or ReleaseResource (releases what it names), checked against the OASIS "
                            "schema; kept byte for byte. A message answering a request not known here is kept and reported. "
                            "A request from an account without authority for bijstand is kept as a draft for the competent "
                            "authority to submit; the outcome says so.",
                 "requestBody": {"required": True, "content": XML_BODY},
                 "responses": {**ok("Taken in.", RM_INTAKE, status="201"), **ok("Known already; nothing changed.", RM_INTAKE),
                               **ok("Kept; it answers a request not known on this node.", RM_INTAKE, status="202"),
                               "400": problem("Empty body."), "415": problem("Not XML."),
                               "422": problem("Refused: the detail names the problem."), **E401, **E403R}}},
    "/assistance-requests/{request}/edxl-rm": {"parameters": [REQ_ID],
        "get": {"operationId": "requestAsResourceMessage", "security": AUTH, "summary": "The request as an EDXL-RM RequestResource.",
                "responses": {**ok("The message.", {"type": "string"}, media="application/xml"), **E401, **E403R,
                              "404": problem("No such request.")}}},
    "/assistance-requests/{request}/commitments/{commitment}/edxl-rm": {"parameters": [REQ_ID, UUIDP("commitment"),
            {"name": "kind", "in": "query", "schema": {"enum": ["commit", "release"], "default": "commit"}}],
        "get": {"operationId": "commitmentAsResourceMessage", "security": AUTH,
                "summary": "A commitment as an EDXL-RM CommitResource, or once released (?kind=release) as a ReleaseResource.",
                "responses": {**ok("The message.", {"type": "string"}, media="application/xml"), **E401, **E403R,
                              "404": problem("No such request or commitment."), "409": problem("Not released yet.")}}},
})

FALLBACK_ITEM = {"type": "object", "properties": {
    "sourceNode": {"type": "string"}, "incident": {"type": "string", "format": "uuid"}, "region": {"type": "string"},
    "reference": {"type": "string"}, "title": {"type": "string"}, "grip": {"type": "integer", "minimum": 0, "maximum": 5},
    "phase": {"type": "string"}, "pictureAt": {"type": "string", "format": "date-time"},
    "receivedAt": {"type": "string", "format": "date-time"}, "ageSeconds": {"type": "integer"},
    "sitrapNumber": {"type": "integer"}}}
FALLBACK_PICTURE = {"type": "object", "properties": {
    "incident": ref("Incident"), "entries": {"type": "array", "items": ref("Entry")},
    "decisions": {"type": "array", "items": ref("Decision")}, "openActions": {"type": "array", "items": ref("Action")},
    "sitrap": {"type": "object", "properties": {
        "number": {"type": "integer"}, "title": {"type": "string"}, "summary": {"type": "string"},
        "issuedAt": {"type": "string", "format": "date-time"}, "issuedBy": {"type": "string"},
        "moment": {"type": "string", "format": "date-time"}, "classification": {"enum": ["public", "internal"]}}},
    "ceiling": {"enum": ["internal"]}}}
FALLBACK_403 = {"403": problem("Not this region's emergency account (noodaccount): the detail gives the policy's reason. "
                               "The refusal is journaled as fallback.refused.")}
doc["paths"].update({
    "/fallback/incidents": {
        "get": {"operationId": "listFallbackIncidents", "security": AUTH,
                "summary": "On the national node, for a region's emergency account (noodaccount) only: the open incidents "
                           "of its region whose fallback copy the national node keeps, highest GRIP first, each with the "
                           "moment the region composed it. Journaled as fallback.read.",
                "responses": {**ok("The region's fallback copies.", {"type": "array", "items": FALLBACK_ITEM}), **E401,
                              **FALLBACK_403, "404": problem("This node is not the national node.")}}},
    "/fallback/incidents/{node}/{incident}": {"parameters": [{"name": "node", "in": "path", "required": True,
                                                               "schema": {"type": "string"}}, INCIDENT],
        "get": {"operationId": "showFallbackIncident", "security": AUTH,
                "summary": "On the national node, for the emergency account of the node's region only: one incident's "
                           "fallback copy as the region last sent it (up to internal): the incident, its entries, decisions "
                           "in force, open actions and the latest SitRap. Journaled as fallback.read with the incident.",
                "responses": {**ok("The copy.", {"type": "object", "properties": {
                    "sourceNode": {"type": "string"}, "region": {"type": "string"},
                    "pictureAt": {"type": "string", "format": "date-time"},
                    "receivedAt": {"type": "string", "format": "date-time"}, "ageSeconds": {"type": "integer"},
                    "picture": FALLBACK_PICTURE}}),
                              **E401, **FALLBACK_403,
                              "404": problem("This node is not the national node, or it holds no copy of that incident.")}}},
})

# Bestuurlijk gezag (decision 0020): the office register, the mandate register, proposals.
OFFICE_CODE = {"type": "string", "pattern": "^(burgemeester:GM[0-9]{4}|voorzitter:VR[0-9]{2}|minister:(jenv|ienw|vws|bzk|def|ez)|cdk:PV[0-9]{2})$",
               "description": "An office of the bestuur: burgemeester:GMnnnn, voorzitter:VRnn, minister:<ministry>, cdk:PVnn."}
MATTER = {"enum": ["scaling", "declaration", "public-warning", "bijstand"]}
DATETIME = {"type": "string", "format": "date-time"}
AUTHORITY_TEXT = {"$ref": "#/components/schemas/AuthorityText"}
OFFICE = obj(["id", "username", "displayName", "office", "name", "validFrom"], {
    "id": UUIDS, "username": {"type": "string"}, "displayName": {"type": "string"}, "office": OFFICE_CODE,
    "name": AUTHORITY_TEXT, "validFrom": DATETIME, "endedAt": DATETIME})
MANDATE = obj(["id", "mandatary", "mandataryName", "office", "officeName", "matters", "validFrom", "grantedBy", "inForce"], {
    "id": UUIDS, "mandatary": {"type": "string"}, "mandataryName": {"type": "string"}, "office": OFFICE_CODE,
    "officeName": AUTHORITY_TEXT, "matters": {"type": "array", "items": MATTER}, "validFrom": DATETIME,
    "validUntil": DATETIME, "note": {"type": "string"}, "grantedBy": {"type": "string"}, "withdrawnAt": DATETIME,
    "inForce": {"type": "boolean"}})
PROPOSAL = obj(["id", "incident", "proposes", "reason", "addressedTo", "proposedBy", "proposedByOrganisation", "proposedAt",
                "status", "mayDecide", "mine"], {
    "id": UUIDS, "incident": UUIDS, "grip": ref("GRIP"), "classification": {"enum": ["incident", "crisis", "ramp"]},
    "proposes": AUTHORITY_TEXT, "reason": {"type": "string"},
    "addressedTo": {"type": "array", "items": {"type": "string"}, "description": "Who decides it, as authority stood when it was made."},
    "proposedBy": {"type": "string"}, "proposedByOrganisation": {"type": "string"}, "proposedAt": DATETIME,
    "status": {"enum": ["open", "accepted", "rejected", "withdrawn"]}, "decidedBy": {"type": "string"},
    "decidedAs": {"type": "string"}, "underMandateOf": {"type": "string"}, "decisionReason": {"type": "string"},
    "decidedAt": DATETIME, "incidentVersion": {"type": "integer"},
    "mayDecide": {"type": "boolean", "description": "Whether the reader may accept or reject it now."},
    "mine": {"type": "boolean", "description": "Whether the reader made it (and may withdraw it)."}})
PROPOSAL_PARAM = {"name": "proposal", "in": "path", "required": True, "schema": UUIDS}
DECISION_BODY = {"required": False, "content": {"application/json": {"schema": obj([], {
    "reason": {"type": "string", "minLength": 1, "maxLength": 2000}})}}}
doc["paths"].update({
    "/offices": {
        "get": {"operationId": "listOffices", "security": AUTH,
                "summary": "The office register: who holds which office of the bestuur (burgemeester, voorzitter, minister, "
                           "commissaris van de Koning), ended ones included. Not for crisis partners.",
                "responses": {**ok("Offices.", {"type": "array", "items": OFFICE}), **E401, **E403}},
        "post": {"operationId": "assignOffice", "security": AUTH,
                 "summary": "An administrator records that a user holds an office (journaled as office.assigned).",
                 "requestBody": body(obj(["username", "office"], {
                     "username": {"type": "string"}, "office": OFFICE_CODE, "validFrom": DATETIME})),
                 "responses": {**ok("Recorded.", OFFICE, status="201"), **EBODY, **E401, **E403,
                               "409": problem("The user holds this office already.")}}},
    "/offices/{office}/end": {"parameters": [{"name": "office", "in": "path", "required": True, "schema": UUIDS}],
        "post": {"operationId": "endOffice", "security": AUTH, "summary": "An administrator records that an office ended.",
                 "responses": {**ok("Ended.", OFFICE), **E401, **E403, "404": problem("No such office record."),
                               "409": problem("It ended already.")}}},
    "/mandates": {
        "get": {"operationId": "listMandates", "security": AUTH,
                "summary": "The mandate register: who acts for which office, on which matters, from/until; withdrawn ones included.",
                "responses": {**ok("Mandates.", {"type": "array", "items": MANDATE}), **E401, **E403}},
        "post": {"operationId": "grantMandate", "security": AUTH,
                 "summary": "The bearer of an office mandates another user to decide matters in its name (journaled as "
                            "mandate.granted). Only the bearer in person; offices that decide none of the matters are refused.",
                 "requestBody": body(obj(["mandatary", "office", "matters"], {
                     "mandatary": {"type": "string"}, "office": OFFICE_CODE,
                     "matters": {"type": "array", "items": MATTER, "minItems": 1, "maxItems": 4},
                     "validFrom": DATETIME, "validUntil": DATETIME, "note": {"type": "string", "maxLength": 1000}})),
                 "responses": {**ok("Granted.", MANDATE, status="201"), **EBODY, **E401, **E403}}},
    "/mandates/{mandate}/withdraw": {"parameters": [{"name": "mandate", "in": "path", "required": True, "schema": UUIDS}],
        "post": {"operationId": "withdrawMandate", "security": AUTH,
                 "summary": "The bearer withdraws a mandate, or the mandatary hands it back (journaled as mandate.withdrawn).",
                 "responses": {**ok("Withdrawn.", MANDATE), **E401, **E403, "404": problem("No such mandate."),
                               "409": problem("It was withdrawn already.")}}},
    "/incidents/{incident}/proposals": {"parameters": [INCIDENT],
        "get": {"operationId": "listProposals", "security": AUTH,
                "summary": "Proposals to the competent authority (GRIP 3 and up, declaring a crisis or ramp), newest first. "
                           "Internal information of the incident.",
                "responses": {**ok("Proposals.", {"type": "array", "items": PROPOSAL}), **E401, **E403, **E404}},
        "post": {"operationId": "propose", "security": AUTH,
                 "summary": "Put a GRIP level or classification to the competent authority (journaled as proposal.made). "
                            "GRIP 0-2 is operational and set directly; nothing else is proposed.",
                 "requestBody": body(obj(["reason"], {
                     "grip": ref("GRIP"), "classification": {"enum": ["incident", "crisis", "ramp"]},
                     "reason": {"type": "string", "minLength": 1, "maxLength": 2000}})),
                 "responses": {**ok("Proposed.", PROPOSAL, status="201"), **EBODY, **E401, **E403, **E404}}},
    "/incidents/{incident}/proposals/{proposal}/accept": {"parameters": [INCIDENT, PROPOSAL_PARAM],
        "post": {"operationId": "acceptProposal", "security": AUTH,
                 "summary": "The competent authority, or its mandatary, accepts: the incident takes the proposed GRIP level or "
                            "classification in the same write (journaled as proposal.decided).",
                 "requestBody": DECISION_BODY,
                 "responses": {**ok("Accepted.", PROPOSAL), **EBODY, **E401, **E403, **E404,
                               "409": problem("The proposal is no longer open, or the incident changed so that it proposes nothing.")}}},
    "/incidents/{incident}/proposals/{proposal}/reject": {"parameters": [INCIDENT, PROPOSAL_PARAM],
        "post": {"operationId": "rejectProposal", "security": AUTH,
                 "summary": "The competent authority, or its mandatary, rejects with a reason (journaled as proposal.decided).",
                 "requestBody": DECISION_BODY,
                 "responses": {**ok("Rejected.", PROPOSAL), **EBODY, **E401, **E403, **E404,
                               "409": problem("The proposal is no longer open.")}}},
    "/incidents/{incident}/proposals/{proposal}/withdraw": {"parameters": [INCIDENT, PROPOSAL_PARAM],
        "post": {"operationId": "withdrawProposal", "security": AUTH, "summary": "Who made a proposal withdraws it.",
                 "requestBody": DECISION_BODY,
                 "responses": {**ok("Withdrawn.", PROPOSAL), **EBODY, **E401, **E403, **E404,
                               "409": problem("The proposal is no longer open.")}}},
})

# The voorzitter's written report to the councils of the affected gemeenten (art. 40 Wvr, C10).
DATE = {"type": "string", "format": "date-time"}
REPORT_PERSON = {"type": "object", "additionalProperties": False, "required": ["name", "organisation"],
    "description": "A person by name, role and organisation (never a username); an account this node does not know "
                   "shows as its organisation, without a role.",
    "properties": {"name": {"type": "string"}, "role": ref("Role"), "organisation": {"type": "string"}}}
REPORT_COUNCIL = {"type": "object", "additionalProperties": False, "required": ["code", "name", "region"], "properties": {
    "code": {"type": "string", "pattern": "^GM[0-9]{4}$"}, "name": {"type": "string"}, "region": ref("RegionCode")}}
doc["components"]["schemas"]["CouncilReport"] = {"type": "object", "additionalProperties": False,
    "description": "Draft of the voorzitter's written report to the councils of the affected gemeenten on the course of "
                   "events and the decisions taken (art. 40 Wvr; 002:L862-866). Decisions, actions, GRIP versions and "
                   "public warnings are those every reader of the incident sees; the addressed councils are the gemeenten "
                   "of the area the reader sees (up to internal).",
    "required": ["incident", "reference", "title", "exercise", "startedAt", "status", "regions", "councils", "authority",
                 "decisions", "scaleHistory", "publicWarnings", "openActions", "draftedAt", "draftedBy", "formats"],
    "properties": {
        "incident": {"type": "string", "format": "uuid"}, "reference": {"type": "string"}, "title": {"type": "string"},
        "exercise": {"type": "boolean"}, "startedAt": DATE,
        "endedAt": {**DATE, "description": "When the incident was closed; absent while it runs (an interim draft)."},
        "status": ref("Status"),
        "regions": {"type": "array", "items": {"type": "object", "additionalProperties": False,
            "required": ["code", "name", "lead"], "properties": {
                "code": ref("RegionCode"), "name": {"type": "string"}, "lead": {"type": "boolean"}}}},
        "councils": {"type": "array", "items": REPORT_COUNCIL, "description": "The councils the report is addressed to."},
        "authority": ref("Authority"),
        "decisions": {"type": "array", "items": {"type": "object", "additionalProperties": False,
            "required": ["id", "decidedAt", "team", "text", "decidedBy", "recordedBy", "revoked", "consultations"],
            "properties": {
                "id": {"type": "string", "format": "uuid"}, "decidedAt": DATE, "team": ref("Team"), "text": {"type": "string"},
                "reason": {"type": "string"}, "decidedBy": {"type": "string"}, "recordedBy": REPORT_PERSON,
                "authority": {"type": "string", "description": "The authority the decision was taken under, as recorded "
                              "when it was taken; absent for older decisions."},
                "outsideAuthority": {"type": "boolean", "description": "Taken by a policy team outside the competent "
                                     "authority; absent for older decisions."},
                "revoked": {"type": "boolean"},
                "consultations": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                    "required": ["id", "councils", "afterDecision", "urgent", "recordedAt", "recordedBy"], "properties": {
                        "id": {"type": "string", "format": "uuid"}, "councils": {"type": "array", "items": REPORT_COUNCIL},
                        "consultedAt": DATE, "afterDecision": {"type": "boolean"}, "position": {"type": "string"},
                        "urgent": {"type": "boolean"}, "urgencyReason": {"type": "string"}, "recordedAt": DATE,
                        "recordedBy": REPORT_PERSON}}}}}},
        "scaleHistory": {"type": "array", "items": {"type": "object", "additionalProperties": False,
            "required": ["at", "to", "by"], "properties": {
                "at": DATE, "from": ref("GRIP"), "to": ref("GRIP"), "reason": {"type": "string"}, "by": REPORT_PERSON}}},
        "publicWarnings": {"type": "array", "items": {"type": "object", "additionalProperties": False,
            "required": ["number", "publishedAt", "headline", "msgType", "cancelled"], "properties": {
                "number": {"type": "integer"}, "publishedAt": DATE, "headline": {"type": "string"},
                "msgType": {"enum": ["Alert", "Update", "Cancel"]}, "cancelled": {"type": "boolean"}}}},
        "openActions": {"type": "array", "items": {"type": "object", "additionalProperties": False,
            "required": ["text", "owner", "status", "overdue"], "properties": {
                "text": {"type": "string"}, "owner": {"type": "string"}, "deadline": DATE, "status": ref("ActionStatus"),
                "overdue": {"type": "boolean"}}}},
        "draftedAt": DATE, "draftedBy": REPORT_PERSON,
        "formats": {"type": "object", "additionalProperties": {"type": "string"},
                    "description": "The page (html), pdf, markdown and json."}}}
doc["paths"]["/incidents/{incident}/report"] = {"parameters": [INCIDENT],
    "get": {"operationId": "councilReport", "security": AUTH,
            "summary": "The draft report to the councils of the affected gemeenten (art. 40 Wvr): incident, authority, "
                       "decisions with reasons and consultations of the councils, the course of the scale-up, public "
                       "warnings, open actions. For staff of an involved region; the page, PDF and Markdown are "
                       "/incidents/{id}/report, .pdf and .md.",
            "responses": {**ok("The draft report.", ref("CouncilReport")), **E401,
                          "403": problem("You know of the incident but may not read it, or you do not draft its report "
                                         "(partners, the national node, a liaison)."), **E404}}}

# Decision 0021: the phase of a region (and of the national level) towards a threat, and the IRBT.
TEXT2 = {"type": "object", "additionalProperties": False, "required": ["nl", "en"], "properties": {
    "nl": {"type": "string"}, "en": {"type": "string"}}}
doc["components"]["schemas"].update({
    "RegionPhase": {"enum": ["koud", "lauw", "warm"], "description":
        "How a region or the national level stands towards a threat (004:L213-217): koud (risk management, "
        "prevention), lauw (a concrete incident is foreseeable), warm (fighting the consequences)."},
    "PhaseInput": {"type": "object", "additionalProperties": False, "required": ["phase", "reason"], "properties": {
        "phase": ref("RegionPhase"), "reason": {"type": "string", "minLength": 3, "maxLength": 1000,
                                                "description": "Why the phase changes; required."}}},
    "PhaseSetting": {"type": "object", "additionalProperties": False,
        "required": ["phase", "reason", "setAt", "setBy", "setByName", "setByOrganisation"], "properties": {
        "phase": ref("RegionPhase"), "reason": {"type": "string"}, "setAt": {"type": "string", "format": "date-time"},
        "setBy": {"type": "string"}, "setByName": {"type": "string"}, "setByOrganisation": {"type": "string"},
        "sourceNode": {"type": "string", "description": "On the national node: the regional node that reported it."}}},
    "RegionPhaseState": {"type": "object", "additionalProperties": False,
        "required": ["scope", "name", "phase", "recorded", "history"], "properties": {
        "scope": {"type": "string", "description": "The region code, or national."}, "name": {"type": "string"},
        "phase": ref("RegionPhase"),
        "recorded": {"type": "boolean", "description": "False while no phase was ever recorded: it then reads as koud."},
        "current": ref("PhaseSetting"), "history": {"type": "array", "items": ref("PhaseSetting"),
                                                     "description": "Every setting, newest first."}}},
    "IRBT": {"type": "object", "additionalProperties": False,
        "description": "The incident's Interregionaal Beleidsteam (002:L818-823, decision 0021): the voorzitters of the "
                       "involved regions, one coördinerend; joint decisions with the regions that agreed; alignments with the Rijk.",
        "required": ["formed", "possible", "members", "decisions", "alignments"], "properties": {
        "formed": {"type": "boolean"},
        "possible": {"type": "boolean", "description": "Two or more regions are involved."},
        "origin": {"enum": ["grip-5", "request"]}, "formedAt": {"type": "string", "format": "date-time"},
        "formedBy": {"type": "string"}, "coordinatingRegion": ref("RegionCode"),
        "members": {"type": "array", "items": {"type": "object", "additionalProperties": False,
            "required": ["office", "region", "name", "coordinating"], "properties": {
            "office": {"const": "voorzitter"}, "region": ref("RegionCode"), "name": TEXT2, "coordinating": {"type": "boolean"}}}},
        "decisions": {"type": "array", "items": {"type": "object", "additionalProperties": False,
            "required": ["id", "text", "decidedAt", "agreedRegions", "allAgreed", "recordedBy", "recordedByName",
                         "recordedByOrganisation", "recordedAt"], "properties": {
            "id": {"type": "string", "format": "uuid"}, "text": {"type": "string"},
            "decidedAt": {"type": "string", "format": "date-time"},
            "agreedRegions": {"type": "array", "items": ref("RegionCode")},
            "allAgreed": {"type": "boolean", "description": "The voorzitter of every involved region agreed."},
            "recordedBy": {"type": "string"}, "recordedByName": {"type": "string"},
            "recordedByOrganisation": {"type": "string"}, "recordedAt": {"type": "string", "format": "date-time"}}}},
        "alignments": {"type": "array", "items": {"type": "object", "additionalProperties": False,
            "required": ["id", "text", "with", "at", "recordedBy", "recordedByName", "recordedByOrganisation", "recordedAt"],
            "properties": {
            "id": {"type": "string", "format": "uuid"}, "text": {"type": "string"}, "with": {"type": "string"},
            "at": {"type": "string", "format": "date-time"}, "recordedBy": {"type": "string"},
            "recordedByName": {"type": "string"}, "recordedByOrganisation": {"type": "string"},
            "recordedAt": {"type": "string", "format": "date-time"}}}}}},
})
PHASE_403 = {"403": problem("Not allowed: partners, administrators and emergency accounts do not read phases; only the "
                            "region's IM, HIN, OL, AC or voorzitter sets its phase, only a KCR2 analyst of the national "
                            "node the national phase.")}
PHASE_422 = {"422": problem("Unknown field, a phase that is not koud, lauw or warm, no reason (3 to 1000 characters), "
                            "or the phase it already is (field phase).")}
CODEP = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
IRBT_403 = {"403": problem("Not allowed: the IRBT is read by the involved regions and the national node, written by the "
                           "involved regions' staff (forming and the coördinerend voorzitter: their IM or voorzitter).")}
doc["paths"].update({
    "/regions/{code}/phase": {"parameters": [CODEP],
        "get": {"operationId": "regionPhase", "security": AUTH,
                "summary": "The region's phase towards a threat (koud, lauw, warm) with its history; koud while none was recorded.",
                "responses": {**ok("The phase.", ref("RegionPhaseState")), **E401, **PHASE_403,
                              "404": problem("No region with that code.")}},
        "put": {"operationId": "setRegionPhase", "security": AUTH,
                "summary": "Set the region's phase, with a reason (the region's IM, HIN, OL, AC or voorzitter). Journaled; "
                           "a regional node reports it to the national node. Opening or scaling an incident never changes it.",
                "requestBody": {"required": True, "content": {"application/json": {"schema": ref("PhaseInput")}}},
                "responses": {**ok("The phase as it is now.", ref("RegionPhaseState")), **EBODY, **PHASE_422, **E401,
                              **PHASE_403, "404": problem("No region with that code.")}}},
    "/national/phase": {
        "get": {"operationId": "nationalPhase", "security": AUTH,
                "summary": "The national level's phase towards a threat, with its history.",
                "responses": {**ok("The phase.", ref("RegionPhaseState")), **E401, **PHASE_403}},
        "put": {"operationId": "setNationalPhase", "security": AUTH,
                "summary": "Set the national phase, with a reason (a KCR2 analyst of the national node). Journaled.",
                "requestBody": {"required": True, "content": {"application/json": {"schema": ref("PhaseInput")}}},
                "responses": {**ok("The phase as it is now.", ref("RegionPhaseState")), **EBODY, **PHASE_422, **E401,
                              **PHASE_403, "404": problem("This is a regional node: the national phase is kept on the national node.")}}},
    "/incidents/{incident}/irbt": {"parameters": [INCIDENT],
        "get": {"operationId": "incidentIRBT", "security": AUTH,
                "summary": "The incident's IRBT: formed or not, its members, joint decisions and alignments with the Rijk.",
                "responses": {**ok("The IRBT.", ref("IRBT")), **E401, **IRBT_403, **E404}},
        "post": {"operationId": "formIRBT", "security": AUTH,
                 "summary": "Form the IRBT on request (two or more involved regions; at GRIP 5 it forms by itself). "
                            "The lead region's voorzitter coordinates unless coordinatingRegion names another involved region.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "additionalProperties": False,
                     "properties": {"coordinatingRegion": ref("RegionCode")}}}}},
                 "responses": {**ok("Formed.", ref("IRBT"), status="201"), **EBODY,
                               "422": problem("Fewer than two regions involved (field involvedRegions), or a coördinerend "
                                              "voorzitter of a region not involved (field coordinatingRegion)."),
                               "409": problem("The IRBT was formed already, or the incident is archived."),
                               **E401, **IRBT_403, **E404}}},
    "/incidents/{incident}/irbt/coordinator": {"parameters": [INCIDENT],
        "put": {"operationId": "setIRBTCoordinator", "security": AUTH,
                "summary": "Choose another involved region's voorzitter as coördinerend voorzitter.",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": False, "required": ["coordinatingRegion"],
                    "properties": {"coordinatingRegion": ref("RegionCode")}}}}},
                "responses": {**ok("The IRBT.", ref("IRBT")), **EBODY,
                              "409": problem("No IRBT formed yet, or the incident is archived."), **E401, **IRBT_403, **E404}}},
    "/incidents/{incident}/irbt/decisions": {"parameters": [INCIDENT],
        "post": {"operationId": "recordIRBTDecision", "security": AUTH,
                 "summary": "Record a joint decision of the IRBT with the regions whose voorzitter agreed.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "additionalProperties": False, "required": ["text", "agreedRegions"], "properties": {
                         "text": {"type": "string", "minLength": 3, "maxLength": 5000},
                         "agreedRegions": {"type": "array", "minItems": 1, "items": ref("RegionCode"),
                                           "description": "Involved regions, each once."},
                         "decidedAt": {"type": "string", "format": "date-time", "description": "Default now; not in the future."}}}}}},
                 "responses": {**ok("The IRBT with the decision.", ref("IRBT"), status="201"), **EBODY,
                               "409": problem("No IRBT formed yet, or the incident is archived."), **E401, **IRBT_403, **E404}}},
    "/incidents/{incident}/irbt/alignments": {"parameters": [INCIDENT],
        "post": {"operationId": "recordIRBTAlignment", "security": AUTH,
                 "summary": "Record an alignment with the Rijk (afstemming met het Rijk): what, when, with whom.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "additionalProperties": False, "required": ["text", "with"], "properties": {
                         "text": {"type": "string", "minLength": 3, "maxLength": 5000},
                         "with": {"type": "string", "minLength": 2, "maxLength": 200},
                         "at": {"type": "string", "format": "date-time", "description": "Default now; not in the future."}}}}}},
                 "responses": {**ok("The IRBT with the alignment.", ref("IRBT"), status="201"), **EBODY,
                               "409": problem("No IRBT formed yet, or the incident is archived."), **E401, **IRBT_403, **E404}}},
})

# The aanwijzingen register (decision 0020): given on the national node, received and acknowledged on
# the regional nodes of the addressed regions.
REGION_CODE = {"type": "string", "pattern": "^VR[0-9]{2}$"}
AANWIJZING = obj(["id", "kind", "kindLabel", "addressees", "addresseeNames", "incidents", "matters", "direction", "legalBasis",
                  "justification", "consultation", "validFrom", "givenBy", "givenAt", "inForce", "mayAcknowledge", "mayWithdraw"], {
    "id": UUIDS, "kind": {"enum": ["warm", "koud"]}, "kindLabel": AUTHORITY_TEXT,
    "addressees": {"type": "array", "items": REGION_CODE}, "addresseeNames": {"type": "array", "items": {"type": "string"}},
    "incidents": {"type": "array", "items": obj(["node", "incident", "reference", "title", "here"], {
        "node": {"type": "string"}, "incident": UUIDS, "reference": {"type": "string"}, "title": {"type": "string"},
        "here": {"type": "boolean", "description": "Whether the incident is on this node."}})},
    "matters": {"type": "array", "items": MATTER}, "direction": {"type": "string"}, "legalBasis": {"type": "string"},
    "justification": {"type": "string", "description": "Why steering is necessary and proportionate (002:L267-268)."},
    "consultation": {"type": "array", "items": obj(["party", "partyName", "at", "outcome"], {
        "party": OFFICE_CODE, "partyName": AUTHORITY_TEXT, "at": DATETIME, "outcome": {"type": "string"}})},
    "urgency": {"type": "string", "description": "Why the urgency or size of the crisis prevented (full) consultation."},
    "validFrom": DATETIME, "validUntil": DATETIME, "givenBy": {"type": "string"}, "givenAt": DATETIME,
    "from": {"type": "string", "description": "On a regional node: the node it came from."},
    "withdrawnAt": DATETIME, "withdrawnBy": {"type": "string"}, "withdrawalReason": {"type": "string"},
    "inForce": {"type": "boolean"}, "acknowledgedAt": DATETIME, "acknowledgedBy": {"type": "string"},
    "deliveries": {"type": "array", "description": "On the national node: per addressed region's node, delivered and acknowledged.",
                   "items": obj(["node", "region", "regionName", "delivered"], {
                       "node": {"type": "string"}, "region": REGION_CODE, "regionName": {"type": "string"},
                       "delivered": {"type": "boolean"}, "acknowledgedAt": DATETIME, "acknowledgedBy": {"type": "string"}})},
    "mayAcknowledge": {"type": "boolean"}, "mayWithdraw": {"type": "boolean"}})
AANWIJZING_PARAM = {"name": "aanwijzing", "in": "path", "required": True, "schema": UUIDS}
doc["paths"].update({
    "/aanwijzingen": {
        "get": {"operationId": "listAanwijzingen", "security": AUTH,
                "summary": "On the national node the register of aanwijzingen the minister of JenV gave, with delivery and "
                           "acknowledgement per region; on a regional node those it received. For the bestuur, the national "
                           "node's staff and the region's crisis organisation (not partners or liaisons).",
                "responses": {**ok("Aanwijzingen, newest first.", {"type": "array", "items": AANWIJZING}), **E401, **E403R}},
        "post": {"operationId": "giveAanwijzing", "security": AUTH,
                 "summary": "On the national node, the minister of JenV in person gives an aanwijzing (journaled as "
                            "aanwijzing.given) and it is sent to each addressed region's node. Warm: to the voorzitters, about "
                            "open incidents of the national picture that involve every addressed region, of more than local "
                            "significance (GRIP 4-5); koud: to the bestuur of one region, no incident, no matters. Refused (422 "
                            "naming the field) without a recorded consultation of every addressed voorzitter and the "
                            "commissaris van de Koning of their province, unless 'urgency' gives why it was skipped (warm only).",
                 "requestBody": body(obj(["kind", "addressees", "direction", "legalBasis", "justification"], {
                     "kind": {"enum": ["warm", "koud"]},
                     "addressees": {"type": "array", "items": REGION_CODE, "minItems": 1, "maxItems": 25},
                     "incidents": {"type": "array", "maxItems": 25, "items": obj(["node", "incident"], {
                         "node": {"type": "string", "minLength": 1, "maxLength": 40}, "incident": UUIDS})},
                     "matters": {"type": "array", "items": MATTER, "maxItems": 4},
                     "direction": {"type": "string", "minLength": 1, "maxLength": 5000},
                     "legalBasis": {"type": "string", "minLength": 1, "maxLength": 500},
                     "justification": {"type": "string", "minLength": 1, "maxLength": 2000},
                     "consultation": {"type": "array", "maxItems": 50, "items": obj(["party", "at", "outcome"], {
                         "party": OFFICE_CODE, "at": DATETIME, "outcome": {"type": "string", "minLength": 1, "maxLength": 1000}})},
                     "urgency": {"type": "string", "minLength": 1, "maxLength": 2000},
                     "validFrom": DATETIME, "validUntil": DATETIME})),
                 "responses": {**ok("Given, and queued for each addressed region's node.", AANWIJZING, status="201"), **EBODY, **E401,
                               "403": problem("Not the minister of JenV in person (a mandate does not cover giving an aanwijzing)."),
                               "404": problem("This node is not the national node.")}}},
    "/aanwijzingen/{aanwijzing}": {"parameters": [AANWIJZING_PARAM],
        "get": {"operationId": "getAanwijzing", "security": AUTH, "summary": "One aanwijzing of the register, or received.",
                "responses": {**ok("The aanwijzing.", AANWIJZING), **E401, **E403R, "404": problem("No such aanwijzing on this node.")}}},
    "/aanwijzingen/{aanwijzing}/withdraw": {"parameters": [AANWIJZING_PARAM],
        "post": {"operationId": "withdrawAanwijzing", "security": AUTH,
                 "summary": "The minister withdraws an aanwijzing (journaled as aanwijzing.withdrawn); the withdrawal goes to the "
                            "regional nodes, where it no longer binds.",
                 "requestBody": {"required": False, "content": {"application/json": {"schema": obj([], {
                     "reason": {"type": "string", "minLength": 1, "maxLength": 2000}})}}},
                 "responses": {**ok("Withdrawn.", AANWIJZING), **EBODY, **E401, **E403,
                               "404": problem("No such aanwijzing, or this is not the national node."),
                               "409": problem("It was withdrawn already.")}}},
    "/aanwijzingen/{aanwijzing}/acknowledge": {"parameters": [AANWIJZING_PARAM],
        "post": {"operationId": "acknowledgeAanwijzing", "security": AUTH,
                 "summary": "On an addressed region's node, its voorzitter acknowledges receipt (journaled as "
                            "aanwijzing.acknowledged); the acknowledgement goes back to the national node.",
                 "responses": {**ok("Acknowledged.", AANWIJZING), **E401,
                               "403": problem("Not the voorzitter of the addressed region, or not on that region's node."),
                               "404": problem("No such received aanwijzing on this node."),
                               "409": problem("The minister withdrew it before it was acknowledged.")}}},
})

# The bestuurlijk overzicht (issue 15): what waits for the reader's decision, the incidents under their authority.
BESTUUR_PENDING = obj(["proposal", "incidentTitle", "incidentReference"], {
    "proposal": PROPOSAL, "incidentTitle": {"type": "string"}, "incidentReference": {"type": "string"}})
BESTUUR_INCIDENT = obj(["incident", "reference", "title", "exercise", "grip", "scale", "whoDecides", "asHolder",
                        "decisionsOutsideAuthority"], {
    "incident": UUIDS, "reference": {"type": "string"}, "title": {"type": "string"}, "exercise": {"type": "boolean"},
    "grip": ref("GRIP"), "scale": {**AUTHORITY_TEXT, "description": "GRIP 3 (lokaal)"},
    "whoDecides": {**AUTHORITY_TEXT, "description": "The holders of authority now, by name."},
    "asHolder": {**AUTHORITY_TEXT, "description": "How the reader holds it: their office, or under mandate of one."},
    "review": ref("ReviewStatus"),
    "decisionsOutsideAuthority": {"type": "integer", "description": "Decisions (not revoked) a policy team took while it did not hold authority."},
    "report": {"type": "string", "description": "The page of the art. 40 report to the councils, for who may draft it."}})
doc["paths"].update({
    "/bestuur": {
        "get": {"operationId": "bestuurOverview", "security": AUTH,
                "summary": "The bestuurlijk overzicht of the signed-in person, most urgent first: open proposals they may decide "
                           "(of open incidents they read, internal level), the open incidents where an office they bear or a "
                           "mandate in force is among the holders of authority, the aanwijzingen in force about those (for the "
                           "minister on the national node: the register's, with acknowledgement per region), and the mandates "
                           "in force they granted and hold. With nothing of these, an explanation. Not for crisis partners.",
                "responses": {**ok("The overview.", obj(
                    ["offices", "toDecide", "underAuthority", "aanwijzingen", "mandatesGranted", "mandatesHeld"], {
                        "offices": {"type": "array", "items": AUTHORITY_TEXT},
                        "toDecide": {"type": "array", "items": BESTUUR_PENDING},
                        "underAuthority": {"type": "array", "items": BESTUUR_INCIDENT,
                                           "description": "Overdue reviews first, then the highest GRIP level."},
                        "aanwijzingen": {"type": "array", "items": AANWIJZING},
                        "mandatesGranted": {"type": "array", "items": MANDATE},
                        "mandatesHeld": {"type": "array", "items": MANDATE},
                        "explanation": {**AUTHORITY_TEXT, "description": "Present when there is nothing for the reader."}})),
                    **E401, **E403}}},
})

# Issue 18 point 1, decision 0028: the regional risk profiles (C30–C32).
INTERESTS = ["territoriale-veiligheid", "fysieke-veiligheid", "ecologische-veiligheid", "economische-veiligheid",
             "sociale-politieke-stabiliteit", "internationale-rechtsorde"]
CLASS = {"enum": ["A", "B", "C", "D", "E"]}
IMPACTS = {"type": "object", "additionalProperties": False,
           "properties": {name: ref("ImpactClass") for name in INTERESTS},
           "description": "The impact class per vital interest the scenario touches (at least one)."}
doc["components"]["schemas"].update({
    "LikelihoodClass": {**CLASS, "description": "Likelihood class of the national risk assessment (Leidraad Methode 2008): "
                        "A zeer onwaarschijnlijk … E zeer waarschijnlijk."},
    "ImpactClass": {**CLASS, "description": "Impact class of the same method: A beperkt, B aanzienlijk, C ernstig, "
                    "D zeer ernstig, E catastrofaal."},
    "RiskInput": {"type": "object", "additionalProperties": False,
        "required": ["title", "scenario", "likelihood", "impacts", "owner", "reviewOn"], "properties": {
        "title": {"type": "string", "minLength": 3, "maxLength": 200,
                  "description": "Profiles are compared by title (case, spaces and accents do not count)."},
        "scenario": {"type": "string", "minLength": 3, "maxLength": 5000},
        "likelihood": ref("LikelihoodClass"), "impacts": IMPACTS,
        "capacities": {"type": "array", "maxItems": 30, "items": {"type": "string", "minLength": 2, "maxLength": 200}},
        "owner": {"type": "string", "minLength": 2, "maxLength": 200},
        "reviewOn": {"type": "string", "format": "date", "description": "The next review, yyyy-MM-dd."},
        "careProfile": {"type": "boolean", "description": "Part of the GHOR's zorgrisicoprofiel (C31)."},
        "adoptedBy": {"type": "string", "minLength": 3, "maxLength": 200, "description": "Who adopted it, with adoptedOn."},
        "adoptedOn": {"type": "string", "format": "date"},
        "baseVersion": {"type": "integer", "description": "For a change and a withdrawal: the version it was made on."}}},
    "Risk": {"type": "object", "additionalProperties": False,
        "required": ["id", "version", "region", "title", "scenario", "likelihood", "impacts", "impact", "capacities", "owner",
                     "reviewOn", "reviewDue", "careProfile", "recordedAt", "recordedByName", "recordedByOrganisation"],
        "properties": {
        "id": UUIDS, "version": {"type": "integer"}, "region": ref("RegionCode"), "title": {"type": "string"},
        "scenario": {"type": "string"}, "likelihood": ref("LikelihoodClass"), "impacts": IMPACTS,
        "impact": {**ref("ImpactClass"), "description": "The most severe impact over the vital interests."},
        "capacities": {"type": "array", "items": {"type": "string"}}, "owner": {"type": "string"},
        "reviewOn": {"type": "string", "format": "date"}, "reviewDue": {"type": "boolean", "description": "The review date has come."},
        "careProfile": {"type": "boolean"}, "adoptedBy": {"type": "string"}, "adoptedOn": {"type": "string", "format": "date"},
        "recordedAt": {"type": "string", "format": "date-time"}, "recordedByName": {"type": "string"},
        "recordedByOrganisation": {"type": "string"},
        "withdrawn": {"type": "string", "description": "Present when the risk was taken out of the profile: why."}}},
    "RiskDetail": {"type": "object", "additionalProperties": False, "required": ["risk", "history", "adoptions"], "properties": {
        "risk": ref("Risk"),
        "history": {"type": "array", "description": "Every version, newest first.", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["version", "change", "title", "likelihood", "impact", "recordedAt", "recordedByName", "recordedByOrganisation"],
            "properties": {"version": {"type": "integer"},
                           "change": {"enum": ["created", "changed", "adopted", "imported", "withdrawn"]},
                           "title": {"type": "string"}, "likelihood": ref("LikelihoodClass"), "impact": ref("ImpactClass"),
                           "reason": {"type": "string"}, "recordedAt": {"type": "string", "format": "date-time"},
                           "recordedByName": {"type": "string"}, "recordedByOrganisation": {"type": "string"}}}},
        "adoptions": {"type": "array", "description": "The history of adoption, newest first.", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["adoptedBy", "adoptedOn", "version", "recordedAt", "recordedByName"],
            "properties": {"adoptedBy": {"type": "string"}, "adoptedOn": {"type": "string", "format": "date"},
                           "version": {"type": "integer"}, "recordedAt": {"type": "string", "format": "date-time"},
                           "recordedByName": {"type": "string"}}}}}},
})
RISK = {"name": "risk", "in": "path", "required": True, "schema": UUIDS}
RISK_403 = {"403": problem("Not allowed: only the region keeps its own profile — its risk advisor and directeur; the "
                           "zorgrisicoprofiel its DPG and risk advisor. Emergency accounts read no profiles.")}
RISK_404 = {"404": problem("No region with that code, or no such risk.")}
RISK_CONFLICT = {"409": problem("The risk changed since baseVersion, was withdrawn, the profile already holds a risk with "
                                "that title, or this is the national node (which holds copies).")}
doc["paths"].update({
    "/regions/{code}/risks": {"parameters": [CODEP],
        "get": {"operationId": "regionRisks", "security": AUTH,
                "summary": "The region's risk profile as it stands: the general profile, then the zorgrisicoprofiel.",
                "responses": {**ok("The risks.", {"type": "array", "items": ref("Risk")}), **E401, **RISK_403, **RISK_404}},
        "post": {"operationId": "recordRisk", "security": AUTH,
                 "summary": "Record a risk in the region's profile (version 1). Journaled; a regional node sends it to the national node.",
                 "requestBody": body(ref("RiskInput")),
                 "responses": {**ok("Recorded.", ref("Risk"), status="201"), **EBODY, **E401, **RISK_403, **RISK_404,
                               **RISK_CONFLICT}}},
    "/regions/{code}/risks/export": {"parameters": [CODEP],
        "get": {"operationId": "exportRisks", "security": AUTH,
                "summary": "The region's profile as CSV (the columns import takes).",
                "responses": {**ok("The CSV.", {"type": "string"}, media="text/csv"), **E401, **RISK_403, **RISK_404}}},
    "/regions/{code}/risks/import": {"parameters": [CODEP],
        "post": {"operationId": "importRisks", "security": AUTH,
                 "summary": "Take a CSV file into the profile, all or nothing: every bad row is named with its line and field "
                            "and then nothing is taken in. A risk with the same title gets a new version when it differs.",
                 "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}},
                 "responses": {**ok("Taken in.", obj(["created", "changed", "unchanged"], {
                     "created": {"type": "integer"}, "changed": {"type": "integer"}, "unchanged": {"type": "integer"}})),
                     "400": problem("Empty or not UTF-8."), "413": problem("Larger than 2 MB."), "415": problem("Not text/csv."),
                     "422": problem("Every problem, each with its line and field; nothing was taken in."),
                     **E401, **RISK_403, **RISK_404, **RISK_CONFLICT}}},
    "/risks/{risk}": {"parameters": [RISK],
        "get": {"operationId": "showRisk", "security": AUTH,
                "summary": "A risk with every version and the history of its adoption.",
                "responses": {**ok("The risk.", ref("RiskDetail")), **E401, **RISK_403, **RISK_404}},
        "put": {"operationId": "changeRisk", "security": AUTH,
                "summary": "Change a risk (give baseVersion): a new version; recording an adoption is a change too.",
                "requestBody": body(ref("RiskInput")),
                "responses": {**ok("The risk as it is now.", ref("Risk")), **EBODY, **E401, **RISK_403, **RISK_404, **RISK_CONFLICT}}},
    "/risks/{risk}/withdrawal": {"parameters": [RISK],
        "post": {"operationId": "withdrawRisk", "security": AUTH,
                 "summary": "Take a risk out of the profile with a reason; its versions stay.",
                 "requestBody": body(obj(["reason"], {"reason": {"type": "string", "minLength": 3, "maxLength": 1000},
                                                      "baseVersion": {"type": "integer"}})),
                 "responses": {**ok("The withdrawn risk.", ref("Risk")), **EBODY, **E401, **RISK_403, **RISK_404, **RISK_CONFLICT}}},
    "/national/risks": {
        "get": {"operationId": "nationalRisks", "security": AUTH,
                "summary": "The profiles side by side (C32): every risk title of the general profiles with the regions that hold "
                           "it and each one's likelihood and impact; shared risks first.",
                "responses": {**ok("The rows.", {"type": "array", "items": obj(["title", "shared", "regions"], {
                    "title": {"type": "string"}, "shared": {"type": "boolean"},
                    "regions": {"type": "array", "items": obj(["region", "likelihood", "impact"], {
                        "region": ref("RegionCode"), "likelihood": ref("LikelihoodClass"), "impact": ref("ImpactClass")})}})}),
                    **E401, **RISK_403}}},
})

# Issue 18 points 2 and 3, decision 0029: current risk pictures, expected effects, escalation.
PICTURE = {"name": "picture", "in": "path", "required": True, "schema": UUIDS}
SIGNAL = obj(["id", "source", "summary", "raisedAt"], {
    "id": UUIDS, "source": {"enum": ["cap", "measurement", "advisory"]}, "summary": {"type": "string"},
    "raisedAt": {"type": "string", "format": "date-time"}, "acknowledgedByName": {"type": "string"},
    "acknowledgedAt": {"type": "string", "format": "date-time"}})
THREAT = {"enum": ["storm", "hoogwater", "hitte", "cyber", "evenement", "overig"]}
EFFECT = obj(["id", "theme", "text", "status", "viaLiaison", "authorName", "authorOrganisation", "recordedAt"], {
    "id": UUIDS, "theme": ref("Theme"), "text": {"type": "string"}, "expectedAt": {"type": "string", "format": "date-time"},
    "status": {"enum": ["linked", "awaiting", "admitted"], "description": "linked: in the picture; awaiting: for the region's admission."},
    "viaLiaison": {"type": "boolean"}, "authorName": {"type": "string"}, "authorOrganisation": {"type": "string"},
    "recordedAt": {"type": "string", "format": "date-time"}, "admittedByName": {"type": "string"}})
doc["components"]["schemas"].update({
    "RiskPictureInput": {"type": "object", "additionalProperties": False,
        "required": ["title", "kind", "description", "expectedFrom", "expectedUntil"], "properties": {
        "title": {"type": "string", "minLength": 3, "maxLength": 200}, "kind": THREAT,
        "description": {"type": "string", "minLength": 3, "maxLength": 5000},
        "expectedFrom": {"type": "string", "format": "date-time"},
        "expectedUntil": {"type": "string", "format": "date-time", "description": "After expectedFrom, at most 60 days later."},
        "area": {**ref("Geometry"), "description": "The expected area: a Polygon or MultiPolygon (WGS84)."},
        "risks": {"type": "array", "maxItems": 20, "items": UUIDS, "description": "Risks of the region's profile."},
        "partners": {"type": "array", "maxItems": 50, "items": {"type": "string"},
                     "description": "Partner codes; each needs an agreement in effect with the region, whose profile it works under."},
        "baseVersion": {"type": "integer", "description": "For a change: the version it was made on."},
        "phaseReason": {"type": "string", "description": "On opening: the region moves from koud to lauw with this reason."}}},
    "RiskPicture": {"type": "object", "additionalProperties": False,
        "required": ["id", "version", "region", "title", "kind", "description", "expectedFrom", "expectedUntil", "status", "createdAt",
                     "createdByName", "partners", "risks", "effects", "regionPhase", "mayKeep", "mayEscalate", "rules", "signals", "plans"], "properties": {
        "id": UUIDS, "version": {"type": "integer"}, "region": ref("RegionCode"), "title": {"type": "string"}, "kind": THREAT,
        "description": {"type": "string"}, "expectedFrom": {"type": "string", "format": "date-time"},
        "expectedUntil": {"type": "string", "format": "date-time"}, "area": ref("Geometry"),
        "status": {"enum": ["open", "escalated", "closed"]}, "incident": UUIDS, "incidentReference": {"type": "string"},
        "closedReason": {"type": "string"}, "createdAt": {"type": "string", "format": "date-time"}, "createdByName": {"type": "string"},
        "partners": {"type": "array", "items": obj(["code", "name", "profile"], {
            "code": {"type": "string"}, "name": {"type": "string"}, "profile": PROFILE})},
        "risks": {"type": "array", "items": obj(["id", "title", "likelihood", "impact"], {
            "id": UUIDS, "title": {"type": "string"}, "likelihood": ref("LikelihoodClass"), "impact": ref("ImpactClass")})},
        "effects": {"type": "array", "items": EFFECT, "description": "The effects the reader sees, oldest first."},
        "regionPhase": ref("RegionPhase"), "mayKeep": {"type": "boolean"}, "mayEscalate": {"type": "boolean"},
        "writesTheme": {"type": "string", "description": "Where the reader writes effects: 'discipline' for the region's staff, "
                                                         "the partner's own theme, absent when it writes none."},
        "rules": {"type": "array", "items": obj(["id", "rule", "description"], {
            "id": UUIDS, "rule": ref("MonitoringRule"), "description": {"type": "string"}})},
        "signals": {"type": "array", "description": "Newest first.", "items": SIGNAL},
        "plans": {"type": "array", "items": ref("Plan"), "description": "The plans attached to the picture."}}},
    "MonitoringRule": {"type": "object", "additionalProperties": False, "required": ["source"], "properties": {
        "source": {"enum": ["cap", "measurement", "advisory"], "description":
                   "cap: a CAP warning taken in whose area touches the picture's (else the region's) and whose time overlaps "
                   "its window; measurement: a value a partner sends; advisory: a KCR2 risk message."},
        "minimumSeverity": {"enum": ["Unknown", "Minor", "Moderate", "Severe", "Extreme"], "description": "For cap."},
        "partner": {"type": "string", "description": "For measurement: the invited partner that measures."},
        "quantity": {"type": "string", "minLength": 2, "maxLength": 80}, "threshold": {"type": "number"},
        "above": {"type": "boolean", "description": "Fires when the value rises to the threshold (default) or, false, falls to it."}}},
})
PIC_403 = {"403": problem("Not allowed: the region's IM, HIN, risk advisor, OL or AC keep its risk pictures; a partner invited "
                          "writes in its own theme under its profile (standby reads along, koppel through its liaison).")}
PIC_404 = {"404": problem("No region with that code, or no such risk picture you may know of.")}
PIC_409 = {"409": problem("The picture changed since baseVersion, or is escalated or closed.")}
doc["paths"].update({
    "/regions/{code}/risk-pictures": {"parameters": [CODEP],
        "get": {"operationId": "regionRiskPictures", "security": AUTH,
                "summary": "The region's current risk pictures the reader may read, open ones first.",
                "responses": {**ok("The pictures.", {"type": "array", "items": ref("RiskPicture")}), **E401, **PIC_403, **PIC_404}},
        "post": {"operationId": "openRiskPicture", "security": AUTH,
                 "summary": "Open a risk picture of a threat: window, area, linked risks, invited partners; with phaseReason the "
                            "region moves from koud to lauw in the same write.",
                 "requestBody": body(ref("RiskPictureInput")),
                 "responses": {**ok("Opened.", ref("RiskPicture"), status="201"), **EBODY, **E401, **PIC_403, **PIC_404}}},
    "/risk-pictures/{picture}": {"parameters": [PICTURE],
        "get": {"operationId": "showRiskPicture", "security": AUTH, "summary": "A risk picture with the effects the reader sees.",
                "responses": {**ok("The picture.", ref("RiskPicture")), **E401, **PIC_403, **PIC_404}},
        "put": {"operationId": "changeRiskPicture", "security": AUTH, "summary": "Change an open risk picture (give baseVersion).",
                "requestBody": body(ref("RiskPictureInput")),
                "responses": {**ok("The picture.", ref("RiskPicture")), **EBODY, **E401, **PIC_403, **PIC_404, **PIC_409}}},
    "/risk-pictures/{picture}/closure": {"parameters": [PICTURE],
        "post": {"operationId": "closeRiskPicture", "security": AUTH, "summary": "Close an open risk picture with a reason.",
                 "requestBody": body(obj(["reason", "baseVersion"], {"reason": {"type": "string", "minLength": 3, "maxLength": 1000},
                                                                     "baseVersion": {"type": "integer"}})),
                 "responses": {**ok("The picture.", ref("RiskPicture")), **EBODY, **E401, **PIC_403, **PIC_404, **PIC_409}}},
    "/risk-pictures/{picture}/effects": {"parameters": [PICTURE],
        "post": {"operationId": "addRiskEffect", "security": AUTH,
                 "summary": "Add an expected effect: the region's staff in a discipline's theme, an invited partner in its own theme "
                            "(kern linked, structureel and a koppel partner's liaison for the region's admission).",
                 "requestBody": body(obj(["text"], {"theme": ref("Theme"), "text": {"type": "string", "minLength": 3, "maxLength": 5000},
                                                    "expectedAt": {"type": "string", "format": "date-time"}})),
                 "responses": {**ok("Added.", EFFECT, status="201"), **EBODY, **E401, **PIC_403, **PIC_404, **PIC_409}}},
    "/risk-pictures/{picture}/effects/{effect}/admission": {"parameters": [PICTURE, {"name": "effect", "in": "path", "required": True, "schema": UUIDS}],
        "post": {"operationId": "admitRiskEffect", "security": AUTH, "summary": "Admit an effect that waits (the region's keepers).",
                 "responses": {**ok("Admitted.", EFFECT), **E401, **PIC_403, **PIC_404,
                               "409": problem("The effect does not wait for admission.")}}},
    "/risks/{risk}/communications": {"parameters": [RISK],
        "get": {"operationId": "riskCommunications", "security": AUTH, "summary": "The public risk information published about the risk.",
                "responses": {**ok("The messages.", {"type": "array", "items": obj(
                    ["id", "number", "identifier", "sent", "msgType", "headline", "publishedBy", "page", "cap"], {
                    "id": UUIDS, "number": {"type": "integer"}, "identifier": {"type": "string"}, "sent": {"type": "string"},
                    "msgType": {"enum": ["Alert", "Update"]}, "headline": {"type": "string"}, "publishedBy": {"type": "string"},
                    "page": {"type": "string"}, "cap": {"type": "string"}})}), **E401, **RISK_403, **RISK_404}},
        "post": {"operationId": "publishRiskCommunication", "security": AUTH,
                 "summary": "Publish public risk information about the risk as CAP 1.2 (msgType Alert, later Update; urgency Future or "
                            "Expected; nl-NL and en-US; the region as area) on the public feed, file and page. The region's bestuur "
                            "publishes: its voorzitter, or someone under a mandate for public warnings; others are refused naming who decides.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("PublicWarningInput")}}},
                 "responses": {**ok("Published.", obj(["id", "number", "identifier", "sent", "msgType", "headline", "publishedBy", "page", "cap"], {
                     "id": UUIDS, "number": {"type": "integer"}, "identifier": {"type": "string"}, "sent": {"type": "string"},
                     "msgType": {"enum": ["Alert", "Update"]}, "headline": {"type": "string"}, "publishedBy": {"type": "string"},
                     "page": {"type": "string"}, "cap": {"type": "string"}}), status="201"),
                     **EBODY, **E401, **RISK_403, **RISK_404, "409": problem("The risk was withdrawn from the profile.")}}},
    "/national/risk-pictures": {
        "get": {"operationId": "nationalRiskPictures", "security": AUTH,
                "summary": "On the national node: the risk pictures the regional nodes share while their region stands in the "
                           "lukewarm or warm phase (and their update when the phase changes), newest first; effects waiting for "
                           "admission stay with the region.",
                "responses": {**ok("The pictures.", {"type": "array", "items": obj(
                    ["picture", "region", "title", "kind", "description", "expectedFrom", "expectedUntil", "status", "phase", "effects",
                     "signals", "sentAt"], {
                    "picture": UUIDS, "region": ref("RegionCode"), "title": {"type": "string"}, "kind": THREAT,
                    "description": {"type": "string"}, "expectedFrom": {"type": "string", "format": "date-time"},
                    "expectedUntil": {"type": "string", "format": "date-time"}, "status": {"enum": ["open", "escalated", "closed"]},
                    "incidentReference": {"type": "string"}, "phase": ref("RegionPhase"),
                    "effects": {"type": "array", "items": obj(["theme", "text", "organisation"], {
                        "theme": ref("Theme"), "text": {"type": "string"}, "organisation": {"type": "string"}})},
                    "signals": {"type": "array", "items": obj(["summary", "raisedAt", "acknowledged"], {
                        "summary": {"type": "string"}, "raisedAt": {"type": "string", "format": "date-time"},
                        "acknowledged": {"type": "boolean"}})},
                    "sentAt": {"type": "string", "format": "date-time"}})}),
                    **E401, "403": problem("Not the national node's staff.")}}},
    "/risk-pictures/{picture}/rules": {"parameters": [PICTURE],
        "post": {"operationId": "addMonitoringRule", "security": AUTH, "summary": "Set a monitoring rule on an open risk picture (its keepers).",
                 "requestBody": body(ref("MonitoringRule")),
                 "responses": {**ok("The rule.", obj(["id", "rule", "description"], {
                     "id": UUIDS, "rule": ref("MonitoringRule"), "description": {"type": "string"}}), status="201"),
                     **EBODY, **E401, **PIC_403, **PIC_404, **PIC_409}}},
    "/risk-pictures/{picture}/measurements": {"parameters": [PICTURE],
        "post": {"operationId": "sendMeasurement", "security": AUTH,
                 "summary": "An invited partner sends a measured value; a measurement rule whose threshold it crosses raises a signal "
                            "in the same write (a value that stays beyond it raises none).",
                 "requestBody": body(obj(["quantity", "value"], {
                     "quantity": {"type": "string", "minLength": 2, "maxLength": 80}, "value": {"type": "number"},
                     "unit": {"type": "string", "maxLength": 20}, "measuredAt": {"type": "string", "format": "date-time"}})),
                 "responses": {**ok("Taken in.", obj(["signals"], {"signals": {"type": "integer", "description": "Signals raised."}}), status="201"),
                               **EBODY, **E401, **PIC_403, **PIC_404, **PIC_409}}},
    "/risk-pictures/{picture}/signals/{signal}/acknowledgement": {"parameters": [PICTURE, {"name": "signal", "in": "path", "required": True, "schema": UUIDS}],
        "post": {"operationId": "acknowledgeSignal", "security": AUTH, "summary": "Acknowledge a signal (the picture's keepers on duty).",
                 "responses": {**ok("The signal.", SIGNAL), **E401, **PIC_403, **PIC_404, **PIC_409}}},
    "/risk-pictures/{picture}/escalation": {"parameters": [PICTURE],
        "post": {"operationId": "escalateRiskPicture", "security": AUTH,
                 "summary": "Escalate into an incident in one write: title and kind, the linked risks' vital interests, the area as "
                            "expected effect area, every effect as an entry of its theme by its author, every invited partner linked "
                            "under its profile; the region's phase becomes warm.",
                 "requestBody": body(obj(["baseVersion"], {"baseVersion": {"type": "integer"}})),
                 "responses": {**ok("The incident opened.", obj(["incident", "reference", "effects", "partners"], {
                     "incident": UUIDS, "reference": {"type": "string"}, "effects": {"type": "integer"},
                     "partners": {"type": "array", "items": {"type": "string"}}}), status="201"),
                     **EBODY, **E401, **PIC_403, **PIC_404, **PIC_409}}},
})

# Issue 18 point 4, decision 0030: the plans register.
PLANP = {"name": "plan", "in": "path", "required": True, "schema": UUIDS}
PLANKIND = {"enum": ["regionaal-crisisplan", "rampbestrijdingsplan", "zorgrisicoprofiel", "afstemmingsplan", "handboek", "overig"]}
doc["components"]["schemas"].update({
    "PlanInput": {"type": "object", "additionalProperties": False, "required": ["title", "kind", "owner", "reviewOn"], "properties": {
        "title": {"type": "string", "minLength": 3, "maxLength": 200}, "kind": PLANKIND,
        "owner": {"type": "string", "minLength": 2, "maxLength": 200},
        "adoptedBy": {"type": "string", "description": "Who adopted it, with adoptedOn."}, "adoptedOn": {"type": "string", "format": "date"},
        "reviewOn": {"type": "string", "format": "date"}, "risks": {"type": "array", "maxItems": 50, "items": UUIDS},
        "partners": {"type": "array", "maxItems": 50, "items": {"type": "string"}},
        "location": {"type": "string", "minLength": 3, "maxLength": 500, "description": "Where the document is."},
        "baseVersion": {"type": "integer", "description": "For a change: the version it was made on."}}},
    "Plan": obj(["id", "version", "region", "title", "kind", "owner", "reviewOn", "review", "risks", "partners", "recordedAt", "recordedByName"], {
        "id": UUIDS, "version": {"type": "integer"}, "region": ref("RegionCode"), "title": {"type": "string"}, "kind": PLANKIND,
        "owner": {"type": "string"}, "adoptedBy": {"type": "string"}, "adoptedOn": {"type": "string", "format": "date"},
        "reviewOn": {"type": "string", "format": "date"},
        "review": {"enum": ["due", "soon", "later"], "description": "due: the review date has passed; soon: within 60 days."},
        "risks": {"type": "array", "items": UUIDS}, "partners": {"type": "array", "items": {"type": "string"}},
        "location": {"type": "string"}, "recordedAt": {"type": "string", "format": "date-time"}, "recordedByName": {"type": "string"}}),
})
PLAN_403 = {"403": problem("Not allowed: the region's risk advisor and directeur keep its plans, the DPG and the risk advisor the "
                           "zorgrisicoprofiel; attaching needs the right to change the incident or keep the risk picture.")}
doc["paths"].update({
    "/regions/{code}/plans": {"parameters": [CODEP],
        "get": {"operationId": "regionPlans", "security": AUTH, "summary": "The region's plans register: reviews past first, then those due within 60 days.",
                "responses": {**ok("The plans.", {"type": "array", "items": ref("Plan")}), **E401, **PLAN_403, **RISK_404}},
        "post": {"operationId": "recordPlan", "security": AUTH, "summary": "Record a plan in the region's register.",
                 "requestBody": body(ref("PlanInput")),
                 "responses": {**ok("Recorded.", ref("Plan"), status="201"), **EBODY, **E401, **PLAN_403, **RISK_404}}},
    "/plans/{plan}": {"parameters": [PLANP],
        "get": {"operationId": "showPlan", "security": AUTH, "summary": "A plan.",
                "responses": {**ok("The plan.", ref("Plan")), **E401, **PLAN_403, **RISK_404}},
        "put": {"operationId": "changePlan", "security": AUTH, "summary": "Change a plan (give baseVersion); journaled.",
                "requestBody": body(ref("PlanInput")),
                "responses": {**ok("The plan.", ref("Plan")), **EBODY, **E401, **PLAN_403, **RISK_404,
                              "409": problem("The plan changed since baseVersion.")}}},
    "/plans/{plan}/attachments": {"parameters": [PLANP],
        "post": {"operationId": "attachPlan", "security": AUTH, "summary": "Attach the plan to an incident or a risk picture (one of them).",
                 "requestBody": body(obj([], {"incident": UUIDS, "picture": UUIDS})),
                 "responses": {**ok("The plan.", ref("Plan")), **EBODY, **E401, **PLAN_403, **RISK_404,
                               "409": problem("The risk picture is escalated or closed, or the incident is archived.")}}},
    "/incidents/{incident}/plans": {"parameters": [INCIDENT],
        "get": {"operationId": "incidentPlans", "security": AUTH, "summary": "The plans attached to the incident.",
                "responses": {**ok("The plans.", {"type": "array", "items": ref("Plan")}), **E401, **E403, **E404}}},
})

# Issue 19 point 1 and 2, decision 0032: the dependency model and "what follows?".
INFO_CLASS = {"enum": ["public", "internal", "confidential"]}
OBJECT_TYPES = ["port-terminal", "tunnel", "sluice", "pumping-station", "data-centre", "internet-exchange", "telephony-provider",
                "call-centre-112", "chemical-plant", "power-substation", "rail-yard", "traffic-junction", "airport", "other"]
FUNCTION_TYPES = ["emergency-reachability", "reachability-112", "emergency-communication", "drinking-water", "dry-feet", "road-flow",
                  "rail-flow", "waterway-flow", "public-order", "chemical-safety", "other"]
NODE_KEY = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{1,79}$"}
LONLAT = obj(["lon", "lat"], {"lon": {"type": "number", "minimum": 2, "maximum": 8}, "lat": {"type": "number", "minimum": 50, "maximum": 54}})
SOURCE = obj(["kind", "reference"], {"kind": {"enum": ["seed", "study", "assumption"]},
                                     "reference": {"type": "string", "minLength": 3, "maxLength": 500,
                                                   "description": "The seed line, the study's name, or what the assumption rests on."}})
NODE_FIELDS = {
    "key": NODE_KEY, "kind": {"enum": ["process", "object", "function"]}, "name": {"type": "string", "minLength": 2, "maxLength": 200},
    "description": {"type": "string", "maxLength": 2000}, "objectType": {"enum": OBJECT_TYPES}, "functionType": {"enum": FUNCTION_TYPES},
    "process": {**NODE_KEY, "description": "Objects: the vital process it belongs to (vp-…)."},
    "owner": {"type": "string", "description": "The owner's code in the partner registry."}, "region": ref("RegionCode"),
    "location": LONLAT, "population": {"type": "integer", "minimum": 0, "maximum": 20000000},
    "classification": {**INFO_CLASS, "description": "Default: processes public, functions internal, objects confidential."}}
EDGE_FIELDS = {
    "node": {**NODE_KEY, "description": "The node that depends."}, "dependsOn": {**NODE_KEY, "description": "The node it depends on."},
    "delayMinutes": {"type": "integer", "minimum": 0, "maximum": 43200}, "probability": {"type": "number", "minimum": 0.01, "maximum": 1},
    "source": SOURCE, "effect": {"type": "string", "maxLength": 1000}}
DEP_403 = {"403": problem("Not allowed: the model is kept by the staff of the region a node lies in (risk advisor, directeur, IM, "
                          "HIN) and by the owner of an object; the vital processes are the national list. Administrators and "
                          "emergency accounts do not read the model.")}
DEP_404 = {"404": problem("No such node or dependency that you may see (a confidential one you may not read answers alike).")}
DEP_409 = {"409": problem("Changed since baseVersion, a node with that key exists already, or this is the national node.")}
doc["components"]["schemas"].update({
    "DependencyNodeInput": {"type": "object", "additionalProperties": False, "required": ["key", "kind", "name"],
                            "properties": {**NODE_FIELDS, "baseVersion": {"type": "integer"}}},
    "DependencyEdgeInput": {"type": "object", "additionalProperties": False,
                            "required": ["node", "dependsOn", "delayMinutes", "probability", "source"],
                            "properties": {**EDGE_FIELDS, "baseVersion": {"type": "integer"}}},
    "DependencyNode": {"type": "object", "additionalProperties": False,
        "required": ["key", "version", "kind", "kindLabel", "typeLabel", "name", "classification"], "properties": {
        **NODE_FIELDS, "version": {"type": "integer"}, "kindLabel": {"type": "string"}, "typeLabel": {"type": "string"},
        "municipality": {"type": "string", "description": "GM code, worked out from the location."},
        "vitalCategory": {"enum": ["A", "B"]}, "ministry": {"type": "string"},
        "recordedAt": {"type": "string", "format": "date-time"}, "recordedByName": {"type": "string"}}},
    "DependencyEdge": {"type": "object", "additionalProperties": False,
        "required": ["node", "dependsOn", "version", "delayMinutes", "probability", "source", "sourceLabel", "recordedAt", "recordedByName"],
        "properties": {**EDGE_FIELDS, "source": obj(["kind", "reference"], {"kind": {"enum": ["seed", "study", "assumption"]},
                                                                             "reference": {"type": "string"}}),
                       "version": {"type": "integer"}, "sourceLabel": {"type": "string"},
                       "recordedAt": {"type": "string", "format": "date-time"}, "recordedByName": {"type": "string"}}},
    "DependencyModel": obj(["nodes", "edges", "processSource"], {
        "nodes": {"type": "array", "items": ref("DependencyNode")}, "edges": {"type": "array", "items": ref("DependencyEdge")},
        "processSource": {"type": "string"}}),
    "DependencyImport": {"type": "object", "additionalProperties": False, "properties": {
        "processSource": {"type": "string", "description": "Ignored: the export carries it."},
        "nodes": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["key", "kind", "name"],
                                             "properties": NODE_FIELDS}},
        "edges": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                             "required": ["node", "dependsOn", "delayMinutes", "probability", "source"],
                                             "properties": EDGE_FIELDS}}}},
    "CascadeInput": {"type": "object", "additionalProperties": False, "properties": {
        "nodes": {"type": "array", "maxItems": 100, "items": NODE_KEY, "description": "What fails."},
        "area": {**ref("Geometry"), "description": "A Polygon or MultiPolygon where things fail."},
        "areaProcess": {**NODE_KEY, "description": "With area: the vital process that fails in the area only."},
        "horizonMinutes": {"type": "integer", "minimum": 1, "maximum": 43200, "description": "Default 4320 (3 days)."},
        "leastProbability": {"type": "number", "minimum": 0.001, "maximum": 1, "description": "Default 0.05."}}},
    "Cascade": obj(["waves", "regions", "regionsToInform", "municipalities", "partners", "population", "crossesRegions",
                    "prunedSteps", "horizonMinutes", "leastProbability"], {
        "waves": {"type": "array", "items": obj(["index", "label", "upToMinutes", "steps"], {
            "index": {"type": "integer"}, "label": {"type": "string"}, "upToMinutes": {"type": "integer"},
            "steps": {"type": "array", "items": ref("CascadeStep")}})},
        **{name: {"type": "array", "items": obj(["code", "name"], {"code": {"type": "string"}, "name": {"type": "string"}})}
           for name in ["regions", "regionsToInform", "municipalities", "partners"]},
        "population": {"type": "integer", "description": "People depending on the affected societal functions, where known."},
        "crossesRegions": {"type": "boolean", "description": "More than one region: propose GRIP 5 / an IRBT."},
        "prunedSteps": {"type": "integer"}, "horizonMinutes": {"type": "integer"}, "leastProbability": {"type": "number"}}),
    "CascadeStep": obj(["node", "atMinutes", "atLabel", "probability", "wave", "onlyInArea", "explanation"], {
        "node": obj(["key", "name", "kind", "typeLabel"], {
            "key": NODE_KEY, "name": {"type": "string"}, "kind": {"enum": ["process", "object", "function"]}, "typeLabel": {"type": "string"},
            "region": ref("RegionCode"), "regionName": {"type": "string"}, "municipality": {"type": "string"}, "owner": {"type": "string"},
            "ownerName": {"type": "string"},
            "location": obj(["lon", "lat"], {"lon": {"type": "number"}, "lat": {"type": "number"}}), "population": {"type": "integer"}}),
        "atMinutes": {"type": "integer"}, "atLabel": {"type": "string"}, "probability": {"type": "number"}, "wave": {"type": "integer"},
        "via": obj(["dependsOn", "dependsOnName", "delayMinutes", "probability", "sourceKind", "sourceLabel", "source"], {
            "dependsOn": NODE_KEY, "dependsOnName": {"type": "string"}, "delayMinutes": {"type": "integer"},
            "probability": {"type": "number"}, "sourceKind": {"enum": ["seed", "study", "assumption"]}, "sourceLabel": {"type": "string"},
            "source": {"type": "string"}, "effect": {"type": "string"}, "dependsOnConfidential": {"type": "boolean"}}),
        "onlyInArea": {"type": "boolean"}, "explanation": {"type": "string", "description": "Why this step follows, in words."}}),
})
NODEKEY = {"name": "key", "in": "path", "required": True, "schema": NODE_KEY}
WITHDRAWAL = body(obj(["reason"], {"reason": {"type": "string", "minLength": 3, "maxLength": 1000}, "baseVersion": {"type": "integer"}}))
doc["paths"].update({
    "/dependencies": {
        "get": {"operationId": "dependencyModel", "security": AUTH,
                "summary": "The dependency model as far as you may see it: nodes, and the edges between nodes you see.",
                "parameters": [{"name": "region", "in": "query", "schema": ref("RegionCode"),
                                "description": "Only this region's objects and functions (and the vital processes)."}],
                "responses": {**ok("The model.", ref("DependencyModel")), **E401, **DEP_403,
                              "422": problem("region is not VR01 to VR25.")}}},
    "/dependencies/export": {
        "get": {"operationId": "exportDependencies", "security": AUTH,
                "summary": "Your view of the model as JSON (the import's form) or GeoJSON (points, and lines between located nodes).",
                "parameters": [{"name": "format", "in": "query", "schema": {"enum": ["json", "geojson"]}}],
                "responses": {"200": {"description": "The export.", "content": {"application/json": {"schema": {"type": "object"}},
                                                                                "application/geo+json": {"schema": {"type": "object"}}}},
                              **E401, **DEP_403, "422": problem("format is not json or geojson.")}}},
    "/dependencies/import": {
        "post": {"operationId": "importDependencies", "security": AUTH,
                 "summary": "Take a model in, all or nothing: every bad item is named with its place and field (nodes[3].location); "
                            "an item you may not keep refuses the whole file. Unchanged items are counted, not recorded.",
                 "requestBody": {"required": True, "content": {"application/json": {"schema": ref("DependencyImport")},
                                                               "application/geo+json": {"schema": {"type": "object", "description":
                                                                   "A FeatureCollection as the GeoJSON export writes it: Point features are nodes, LineString features dependencies."}}}},
                 "responses": {**ok("Taken in.", obj(["nodesCreated", "nodesChanged", "edgesCreated", "edgesChanged", "unchanged"], {
                     k: {"type": "integer"} for k in ["nodesCreated", "nodesChanged", "edgesCreated", "edgesChanged", "unchanged"]})),
                     **EBODY, "413": problem("Larger than 2 MB."), **E401, **DEP_403, **DEP_409}}},
    "/dependencies/nodes": {
        "post": {"operationId": "recordDependencyNode", "security": AUTH,
                 "summary": "Record an object or a societal function (version 1); journaled. The municipality follows from the location, "
                            "which must lie in the region named.",
                 "requestBody": body(ref("DependencyNodeInput")),
                 "responses": {**ok("Recorded.", ref("DependencyNode"), status="201"), **EBODY, **E401, **DEP_403, **DEP_409}}},
    "/dependencies/nodes/{key}": {"parameters": [NODEKEY],
        "get": {"operationId": "dependencyNode", "security": AUTH,
                "summary": "A node with what it depends on, what depends on it (as far as you may see) and its versions.",
                "responses": {**ok("The node.", obj(["node", "dependsOn", "dependents", "history"], {
                    "node": ref("DependencyNode"), "dependsOn": {"type": "array", "items": ref("DependencyEdge")},
                    "dependents": {"type": "array", "items": ref("DependencyEdge")},
                    "history": {"type": "array", "items": obj(["version", "change", "name", "recordedAt", "recordedByName", "recordedByOrganisation"], {
                        "version": {"type": "integer"}, "change": {"enum": ["created", "changed", "imported", "withdrawn"]},
                        "name": {"type": "string"}, "reason": {"type": "string"}, "recordedAt": {"type": "string", "format": "date-time"},
                        "recordedByName": {"type": "string"}, "recordedByOrganisation": {"type": "string"}})}})),
                    **E401, **DEP_403, **DEP_404, "422": problem("Not a node key.")}},
        "put": {"operationId": "changeDependencyNode", "security": AUTH, "summary": "Change a node (give baseVersion): a new version.",
                "requestBody": body(ref("DependencyNodeInput")),
                "responses": {**ok("The node as it is now.", ref("DependencyNode")), **EBODY, **E401, **DEP_403, **DEP_404, **DEP_409}}},
    "/dependencies/nodes/{key}/withdrawal": {"parameters": [NODEKEY],
        "post": {"operationId": "withdrawDependencyNode", "security": AUTH,
                 "summary": "Take a node out of the model with a reason, and its edges with it, in one write; the versions stay.",
                 "requestBody": WITHDRAWAL,
                 "responses": {**ok("The withdrawn node.", ref("DependencyNode")), **EBODY, **E401, **DEP_403, **DEP_404, **DEP_409}}},
    "/dependencies/edges": {
        "put": {"operationId": "recordDependencyEdge", "security": AUTH,
                "summary": "Record that a node depends on another, with delay, probability and source — or a new version of it "
                           "(give baseVersion). Kept by whoever keeps the dependent node.",
                "requestBody": body(ref("DependencyEdgeInput")),
                "responses": {**ok("The dependency.", ref("DependencyEdge")), **EBODY, **E401, **DEP_403, **DEP_404, **DEP_409}}},
    "/dependencies/edges/{node}/{dependsOn}/withdrawal": {
        "parameters": [{"name": "node", "in": "path", "required": True, "schema": NODE_KEY},
                       {"name": "dependsOn", "in": "path", "required": True, "schema": NODE_KEY}],
        "post": {"operationId": "withdrawDependencyEdge", "security": AUTH, "summary": "Take a dependency out of the model with a reason.",
                 "requestBody": WITHDRAWAL,
                 "responses": {**ok("The withdrawn dependency.", ref("DependencyEdge")), **EBODY, **E401, **DEP_403, **DEP_404, **DEP_409}}},
    "/dependencies/cascade": {
        "post": {"operationId": "whatFollows", "security": AUTH,
                 "summary": "What follows a failure of nodes, of everything in an area, or of a vital process in an area: the cascade in "
                            "waves (T+0, 1 h, 4 h, 24 h, 3 days), every step with the edge and source it follows, the regions to inform "
                            "and the partners to alert. Computed on your view of the model only.",
                 "requestBody": body(ref("CascadeInput")),
                 "responses": {**ok("The cascade.", ref("Cascade")), **EBODY, **E401, **DEP_403, **DEP_404}}},
})

# Issue 19 point 3, decision 0032: "Wat kan volgen" on an incident.
CANDIDATE = obj(["key", "name", "typeLabel", "inArea"], {"key": NODE_KEY, "name": {"type": "string"}, "typeLabel": {"type": "string"},
                                                       "region": ref("RegionCode"), "inArea": {"type": "boolean"}})
FAILING = {"type": "array", "maxItems": 100, "items": NODE_KEY,
           "description": "The failing nodes the cascade was computed from; none: what lies in the incident's area."}
doc["paths"].update({
    "/incidents/{incident}/what-follows": {"parameters": [INCIDENT],
        "get": {"operationId": "incidentWhatFollows", "security": AUTH,
                "summary": "What may follow from the incident: from what lies in its area (its location — a point with 2 km around it — "
                           "and the plots that mark its area), or from the nodes named in failing; on your view of the dependency model.",
                "parameters": [{"name": "failing", "in": "query", "schema": {"type": "array", "items": NODE_KEY}}],
                "responses": {**ok("The cascade.", obj(["cascade", "failing", "fromArea", "candidates", "rolesPhase", "ministries", "roles", "reported", "alerted"], {
                    "cascade": ref("Cascade"), "failing": {"type": "array", "items": CANDIDATE}, "fromArea": {"type": "boolean"},
                    "candidates": {"type": "array", "items": CANDIDATE},
                    "rolesPhase": {"enum": ["koud", "lauw", "warm"], "description": "The lead region's phase (warm when none is recorded)."},
                    "ministries": {"type": "array", "items": {"type": "string"}}, "scenarioProcess": NODE_KEY,
                    "reported": {"type": "array", "items": NODE_KEY, "description": "Steps that are an entry of the incident already."},
                    "alerted": {"type": "array", "items": {"type": "string"}, "description": "Partners alerted for the incident."},
                    "roles": {"type": "array", "description": "The bestuurlijke netwerkkaart for this scenario and phase (decision 0033).",
                              "items": ref("NetworkResponsibility")}})),
                    **E401, **DEP_403, **E404, "422": problem("A failing key is not a node key, or more than 100.")}}},
    "/incidents/{incident}/what-follows/entries": {"parameters": [INCIDENT],
        "post": {"operationId": "incidentWhatFollowsEntry", "security": AUTH,
                 "summary": "Turn a step into an entry of the General theme: unverified, source 'Cascademodel (Wat kan volgen)'. "
                            "The step is computed again; one that no longer follows is refused.",
                 "requestBody": body(obj(["node"], {"node": NODE_KEY, "failing": FAILING})),
                 "responses": {**ok("The entry.", obj(["entry", "version"], {"entry": UUIDS, "version": {"type": "integer"}}), status="201"),
                               **EBODY, **E401, **DEP_403, **E404}}},
    "/incidents/{incident}/what-follows/alerts": {"parameters": [INCIDENT],
        "post": {"operationId": "incidentWhatFollowsAlert", "security": AUTH,
                 "summary": "Alert the partner that owns an affected object or function, once per incident; it escalates like any alert.",
                 "requestBody": body(obj(["partner", "node"], {"partner": {"type": "string"}, "node": NODE_KEY, "failing": FAILING})),
                 "responses": {**ok("The alert.", obj(["id", "partner", "reason", "raisedAt"], {
                     "id": UUIDS, "partner": {"type": "string"}, "reason": {"type": "string"}, "raisedAt": {"type": "string", "format": "date-time"}}),
                     status="201"), **EBODY, **E401, **DEP_403, **E404,
                     "409": problem("The partner was alerted for this incident already, or the incident is closed or an exercise.")}}},
})

# Issue 19 point 4, decision 0033: the bestuurlijke netwerkkaart.
ASPECTS = ["information-security", "risk-management", "public-order", "cybercrime", "consequence-management"]
ACTORS = ["burgemeester", "bestuur-veiligheidsregio", "voorzitter-veiligheidsregio", "regioburgemeester", "openbaar-ministerie",
          "minister-jenv", "minister-ezk", "minister-ienw", "minister-bzk", "minister-fin", "minister-defensie", "ncsc", "csirt",
          "vitale-aanbieder"]
PHASE3 = {"enum": ["koud", "lauw", "warm"]}
RESP = obj(["aspect", "phase", "actor", "duty", "clarity", "source"], {
    "aspect": {"enum": ASPECTS}, "phase": PHASE3, "actor": {"enum": ACTORS},
    "duty": obj(["nl", "en"], {"nl": {"type": "string"}, "en": {"type": "string"}}), "legalBasis": {"type": "string"},
    "clarity": {"enum": ["clear", "unclear"]}, "source": {"type": "string"}})
doc["components"]["schemas"].update({
    "NetworkResponsibility": obj(
            ["aspect", "aspectLabel", "phase", "actor", "actorLabel", "duty", "clarity", "clarityLabel", "source"], {
            "aspect": {"enum": ASPECTS}, "aspectLabel": {"type": "string"}, "phase": PHASE3, "actor": {"enum": ACTORS},
            "actorLabel": {"type": "string"}, "duty": {"type": "string"}, "legalBasis": {"type": "string"},
            "clarity": {"enum": ["clear", "unclear"]}, "clarityLabel": {"type": "string"}, "source": {"type": "string"}}),
    "NetworkMap": obj(["version", "scenarioProcesses", "ministries", "responsibilities", "gaps"], {
        "version": {"type": "integer", "description": "0: the standard map, never changed on this node."},
        "recordedAt": {"type": "string", "format": "date-time"}, "recordedByName": {"type": "string"}, "phase": PHASE3,
        "scenarioProcess": NODE_KEY, "scenarioProcesses": {"type": "array", "items": NODE_KEY},
        "ministries": {"type": "array", "items": {"type": "string"}},
        "responsibilities": {"type": "array", "items": ref("NetworkResponsibility")},
        "gaps": {"type": "array", "items": obj(["aspect", "phase", "gap", "label"], {
            "aspect": {"enum": ASPECTS}, "phase": PHASE3, "gap": {"enum": ["nobody", "unclear"]}, "label": {"type": "string"}})}}),
})
doc["paths"].update({
    "/network-map": {
        "get": {"operationId": "networkMap", "security": AUTH,
                "summary": "The bestuurlijke netwerkkaart: per aspect of digital security and phase who is responsible, with what duty or power "
                           "and legal basis, and the gaps. With process, the scenario of that vital process failing: the actors it concerns.",
                "parameters": [{"name": "phase", "in": "query", "schema": PHASE3},
                               {"name": "process", "in": "query", "schema": NODE_KEY, "description": "A vital process (vp-…) that fails."}],
                "responsibilities": None,
                "responses": {**ok("The map.", ref("NetworkMap")), **E401, **E403R, "422": problem("phase or process is not known.")}}},
    "/network-map/changes": {
        "post": {"operationId": "changeNetworkMap", "security": AUTH,
                 "summary": "Administrators: replace the whole map, or record or remove one responsibility; a new version, journaled.",
                 "requestBody": body({"type": "object", "additionalProperties": False, "required": ["baseVersion"], "properties": {
                     "responsibilities": {"type": "array", "maxItems": 500, "items": RESP},
                     "record": obj(["aspect", "phase", "actor", "dutyNl", "dutyEn", "clarity", "source"], {
                         "aspect": {"enum": ASPECTS}, "phase": PHASE3, "actor": {"enum": ACTORS}, "dutyNl": {"type": "string"},
                         "dutyEn": {"type": "string"}, "legalBasis": {"type": "string"}, "clarity": {"enum": ["clear", "unclear"]},
                         "source": {"type": "string"}}),
                     "remove": obj(["aspect", "phase", "actor"], {"aspect": {"enum": ASPECTS}, "phase": PHASE3, "actor": {"enum": ACTORS}}),
                     "baseVersion": {"type": "integer"}}}),
                 "responses": {**ok("The map as it is now.", ref("NetworkMap")), **EBODY, **E401, **E403R,
                               "404": problem("The responsibility to remove is not on the map."),
                               "409": problem("The map changed since baseVersion.")}}},
    "/network-map/export": {
        "get": {"operationId": "exportNetworkMap", "security": AUTH, "summary": "The map as JSON (the changes' form) or CSV.",
                "parameters": [{"name": "format", "in": "query", "schema": {"enum": ["json", "csv"]}}],
                "responses": {"200": {"description": "The map.", "content": {"application/json": {"schema": {"type": "object"}},
                                                                               "text/csv": {"schema": {"type": "string"}}}},
                              **E401, **E403R, "422": problem("format is not json or csv.")}}},
})
del doc["paths"]["/network-map"]["get"]["responsibilities"]

# Issue 19 point 5, decision 0032: the scenario library.
SCENARIO = obj(["id", "version", "scope", "title", "assumptions", "failing", "recordedAt", "recordedByName", "mayKeep"], {
    "id": UUIDS, "version": {"type": "integer"}, "scope": {"type": "string", "description": "A region code, or national."},
    "title": {"type": "string"}, "assumptions": {"type": "string"}, "failing": {"type": "array", "items": NODE_KEY},
    "recordedAt": {"type": "string", "format": "date-time"}, "recordedByName": {"type": "string"}, "mayKeep": {"type": "boolean"}})
SCENARIO_INPUT = obj(["title", "assumptions", "failing"], {
    "title": {"type": "string", "minLength": 3, "maxLength": 200}, "assumptions": {"type": "string", "minLength": 3, "maxLength": 5000},
    "failing": {"type": "array", "minItems": 1, "maxItems": 100, "items": NODE_KEY},
    "scope": {"type": "string", "description": "A region code or national; by default your own region (the national node: national)."},
    "baseVersion": {"type": "integer"}})
SCENARIO_403 = {"403": problem("Not allowed: a region's scenarios are kept by its risk advisor, directeur, IM or HIN, the national ones by "
                               "KCR2's analysts; they are read by the region's staff and the national node.")}
SCENARIOP = {"name": "scenario", "in": "path", "required": True, "schema": UUIDS}
doc["paths"].update({
    "/scenarios": {
        "get": {"operationId": "scenarios", "security": AUTH, "summary": "The scenarios you may read, newest version of each.",
                "responses": {**ok("The scenarios.", {"type": "array", "items": SCENARIO}), **E401, **SCENARIO_403}},
        "post": {"operationId": "recordScenario", "security": AUTH,
                 "summary": "Record a scenario: a title, its assumptions and the nodes that fail (ones you may see). Journaled.",
                 "requestBody": body(SCENARIO_INPUT),
                 "responses": {**ok("Recorded.", SCENARIO, status="201"), **EBODY, **E401, **SCENARIO_403, **DEP_404}}},
    "/scenarios/{scenario}": {"parameters": [SCENARIOP],
        "get": {"operationId": "scenario", "security": AUTH,
                "summary": "A scenario run on your view of the dependency model: its cascade in waves.",
                "responses": {**ok("The scenario and its cascade.", obj(["scenario", "cascade", "failing"], {
                    "scenario": SCENARIO, "cascade": ref("Cascade"), "failing": {"type": "array", "items": CANDIDATE}})),
                    **E401, **SCENARIO_403, "404": problem("No such scenario that you may read.")}},
        "put": {"operationId": "changeScenario", "security": AUTH, "summary": "Change a scenario (give baseVersion): a new version.",
                "requestBody": body(SCENARIO_INPUT),
                "responses": {**ok("The scenario.", SCENARIO), **EBODY, **E401, **SCENARIO_403, **DEP_404,
                              "409": problem("The scenario changed since baseVersion.")}}},
    "/scenarios/{scenario}/exercise": {"parameters": [SCENARIOP],
        "post": {"operationId": "startScenarioExercise", "security": AUTH,
                 "summary": "Start an exercise incident from the scenario (kind digitale ontwrichting, nobody alerted); what follows is "
                            "computed from the scenario's failing nodes.",
                 "responses": {**ok("The exercise incident.", obj(["incident", "failing"], {"incident": UUIDS,
                                                                                            "failing": {"type": "array", "items": NODE_KEY}}), status="201"),
                               **E401, **SCENARIO_403, "404": problem("No such scenario that you may read.")}}},
})

# Issue 19 point 3, decision 0032: cascades that cross regions, on the national node.
SHARED_CASCADE = obj(["incident", "incidentReference", "incidentTitle", "region", "regions", "steps", "withheld", "sentAt", "sentByName"], {
    "incident": UUIDS, "incidentReference": {"type": "string"}, "incidentTitle": {"type": "string"}, "region": ref("RegionCode"),
    "regions": {"type": "array", "items": ref("RegionCode")},
    "steps": {"type": "array", "items": obj(["key", "name", "typeLabel", "wave", "atLabel"], {
        "key": NODE_KEY, "name": {"type": "string"}, "typeLabel": {"type": "string"}, "region": ref("RegionCode"),
        "lon": {"type": "number"}, "lat": {"type": "number"}, "wave": {"type": "integer"}, "atLabel": {"type": "string"}, "from": NODE_KEY})},
    "withheld": {"type": "integer", "description": "Steps left out because they are confidential."},
    "sentAt": {"type": "string", "format": "date-time"}, "sentByName": {"type": "string"}})
doc["paths"].update({
    "/incidents/{incident}/what-follows/share": {"parameters": [INCIDENT],
        "post": {"operationId": "shareIncidentWhatFollows", "security": AUTH,
                 "summary": "On a regional node: send the incident's cascade that crosses regions to the national node — its steps that are "
                            "not confidential, with region, place and wave. By someone who may change the incident of the lead region.",
                 "requestBody": {"required": False, "content": {"application/json": {"schema": obj([], {"failing": FAILING})}}},
                 "responses": {**ok("What was sent.", SHARED_CASCADE), **EBODY, **E401, **DEP_403, **E404,
                               "409": problem("The cascade stays within the region, this is not a regional node, or it has no national node.")}}},
    "/national/cascades": {
        "get": {"operationId": "nationalCascades", "security": AUTH,
                "summary": "On the national node: the cascades that cross regions, as the regional nodes shared them, newest first.",
                "responses": {**ok("The cascades.", {"type": "array", "items": SHARED_CASCADE}), **E401, **E403R}}},
})

# Issue 20, decision 0034: meldkamer intake, incident proposals and the calamiteitencoördinator.
MK_MUNI = obj(["code", "name"], {"code": {"type": "string"}, "name": {"type": "string"}})
MK_READ = {
    "priority": {"type": "integer", "minimum": 1, "maximum": 5}, "discipline": {"enum": ["brandweer", "ambulance", "politie", "knrm", "overig"]},
    "unit": {"type": "string"}, "messageType": {"type": "string"},
    "messageTypeExpanded": {"type": "string", "description": "The classification with pager abbreviations written out (BR → Brand)."},
    "street": {"type": "string"}, "place": {"type": "string", "description": "The place as written."},
    "placeExpanded": {"type": "string", "description": "The place written out when the text abbreviated it (SGRAVH → 's-Gravenhage)."},
    "postcode": {"type": "string"}, "capcodes": {"type": "array", "items": {"type": "string"}},
    "municipality": MK_MUNI, "region": ref("RegionCode"),
    "confidence": {"type": "number", "minimum": 0, "maximum": 1}, "reasons": {"type": "array", "items": {"type": "string"}}}
MK_RESULT = obj(["index", "id", "status", "unreadable", "announcement", "capcodes", "confidence", "reasons"], {
    "index": {"type": "integer"}, "id": UUIDS, "status": {"enum": ["stored", "duplicate"]},
    "unreadable": {"type": "boolean", "description": "Kept, but nothing useful could be read from it."},
    "announcement": {"type": "boolean", "description": "A test alarm or priority-5 announcement: never proposed."},
    **MK_READ,
    "proposal": obj(["id", "opened"], {"id": UUIDS, "opened": {"type": "boolean"},
                                       "reason": {"type": "string", "description": "Why it joined, e.g. zelfde straat (Damrak) en 4 min na het vorige bericht."}})})
MK_MESSAGE = obj(["id", "text", "receivedAt", "source", "meldkamer", "capcodes", "confidence", "reasons", "unreadable", "announcement", "pointIsExact"], {
    "id": UUIDS, "text": {"type": "string"}, "receivedAt": {"type": "string", "format": "date-time"}, "source": {"type": "string"},
    "meldkamer": {"type": "string"}, **MK_READ, "unreadable": {"type": "boolean"}, "announcement": {"type": "boolean"},
    "joinReason": {"type": "string"}, "lat": {"type": "number"}, "lon": {"type": "number"}, "pointIsExact": {"type": "boolean"}})
MK_PROPOSAL = obj(["id", "region", "status", "statusLabel", "exercise", "title", "category", "categoryLabel", "openedAt", "lastMessageAt",
                   "pointIsExact", "messages", "version", "mayHandle"], {
    "id": UUIDS, "region": ref("RegionCode"), "status": {"enum": ["open", "promoted", "dismissed", "merged"]}, "statusLabel": {"type": "string"},
    "exercise": {"type": "boolean"}, "title": {"type": "string", "description": "Suggested: classification — street, place."},
    "category": ref("Category"), "categoryLabel": {"type": "string"}, "highestPriority": {"type": "integer"},
    "openedAt": {"type": "string", "format": "date-time"}, "lastMessageAt": {"type": "string", "format": "date-time"},
    "lat": {"type": "number"}, "lon": {"type": "number"},
    "pointIsExact": {"type": "boolean", "description": "The point is a sender's coordinates, not a point in the municipality."},
    "municipality": MK_MUNI, "messages": {"type": "array", "items": MK_MESSAGE}, "incident": UUIDS, "mergedInto": UUIDS,
    "handledBy": {"type": "string"}, "handledAt": {"type": "string", "format": "date-time"}, "handledReason": {"type": "string"},
    "version": {"type": "integer"}, "mayHandle": {"type": "boolean"}})
MK_INPUT = obj(["text"], {
    "text": {"type": "string", "minLength": 1, "maxLength": 1000, "description": "The message as sent, e.g. a P2000 line."},
    "receivedAt": {"type": "string", "format": "date-time", "description": "With offset; absent: now."},
    "source": {"type": "string", "maxLength": 100}, "lat": {"type": "number"}, "lon": {"type": "number"},
    "exercise": {"type": "boolean", "description": "Part of an exercise (a replay): forms exercise proposals."}})
MK_403 = {"403": problem("Not allowed: proposals are seen by the calamiteitencoördinator of the meldkamer serving the region and by the region's "
                         "IM, HIN, AC and operational leader; they are handled by the CaCo or the region's IM or HIN; messages are sent by a meldkamer.")}
MK_404 = {"404": problem("No such proposal.")}
MK_409 = {"409": problem("The proposal changed since the version sent, or is no longer open.")}
PROPOSALP = {"name": "proposal", "in": "path", "required": True, "schema": UUIDS}
MK_REPLAY = obj(["meldkamer", "total", "sent", "speed", "startedAt", "running"], {
    "meldkamer": {"type": "string"}, "total": {"type": "integer"}, "sent": {"type": "integer"}, "speed": {"type": "number"},
    "startedAt": {"type": "string", "format": "date-time"}, "running": {"type": "boolean"}, "problem": {"type": "string"}})
VERSIONED = lambda required, props: body(obj(["version"] + required, {"version": {"type": "integer"}, **props}))
doc["paths"].update({
    "/meldkamer/messages": {
        "post": {"operationId": "meldkamerIntake", "security": AUTH,
                 "summary": "A meldkamer sends one message, a batch (a JSON array, at most 500), or P2000 lines as text/plain (one per line, "
                            "optionally starting with an ISO 8601 time). Each is answered with what was read from its text, its municipality "
                            "and region, and the proposal it joined or opened. The same text from the same meldkamer within ten minutes is "
                            "stored once. A batch with a message that breaks the input rules is refused whole, naming it.",
                 "requestBody": {"required": True, "content": {
                     "application/json": {"schema": {"oneOf": [MK_INPUT, {"type": "array", "maxItems": 500, "items": MK_INPUT}]}},
                     "text/plain": {"schema": {"type": "string"}}}},
                 "responses": {**ok("Stored (some may be duplicates).", obj(["received", "stored", "duplicates", "unreadable", "messages"], {
                     "received": {"type": "integer"}, "stored": {"type": "integer"}, "duplicates": {"type": "integer"},
                     "unreadable": {"type": "integer"}, "messages": {"type": "array", "items": MK_RESULT}}), status="201"),
                     **ok("Every message was a duplicate: nothing new stored.", {"type": "object"}), **EBODY, **E401, **MK_403}},
        "get": {"operationId": "meldkamerUnplaced", "security": AUTH,
                "summary": "For a calamiteitencoördinator: the meldkamer's messages that formed no proposal (unreadable, announcements, no region), newest first.",
                "responses": {**ok("The messages.", {"type": "array", "items": MK_MESSAGE}), **E401, **MK_403}}},
    "/meldkamer/proposals": {
        "get": {"operationId": "meldkamerProposals", "security": AUTH,
                "summary": "The incident proposals of the regions you see, most recent first (at most 200).",
                "parameters": [{"name": "status", "in": "query", "schema": {"enum": ["open", "promoted", "dismissed", "merged"]}},
                               {"name": "region", "in": "query", "schema": ref("RegionCode")},
                               {"name": "exercise", "in": "query", "schema": {"enum": ["true", "false"]}}],
                "responses": {**ok("The proposals.", obj(["regions", "proposals"], {"regions": {"type": "array", "items": ref("RegionCode")},
                                                                                   "proposals": {"type": "array", "items": MK_PROPOSAL}})),
                              **E401, **MK_403, "422": problem("A query parameter has a value it cannot have.")}}},
    "/meldkamer/proposals/{proposal}": {"parameters": [PROPOSALP],
        "get": {"operationId": "meldkamerProposal", "security": AUTH, "summary": "One proposal with its messages and why each joined.",
                "responses": {**ok("The proposal.", MK_PROPOSAL), **E401, **MK_403, **MK_404}}},
    "/meldkamer/proposals/{proposal}/promote": {"parameters": [PROPOSALP],
        "post": {"operationId": "promoteMeldkamerProposal", "security": AUTH,
                 "summary": "Make the proposal a GRIP 1 incident of its region: its messages become unverified entries of the meldkamer theme "
                            "(source meldkamer), its point a plot; the calamiteitencoördinator keeps the meldkamer theme until the IM takes it over.",
                 "requestBody": VERSIONED([], {"title": {"type": "string", "minLength": 3, "maxLength": 200}, "category": ref("Category")}),
                 "responses": {**ok("The incident made.", obj(["proposal", "incident", "reference"], {
                     "proposal": MK_PROPOSAL, "incident": UUIDS, "reference": {"type": "string"}}), status="201"),
                     **EBODY, **E401, **MK_403, **MK_404, **MK_409}}},
    "/meldkamer/proposals/{proposal}/dismiss": {"parameters": [PROPOSALP],
        "post": {"operationId": "dismissMeldkamerProposal", "security": AUTH, "summary": "Dismiss the proposal, with a reason.",
                 "requestBody": VERSIONED(["reason"], {"reason": {"type": "string", "minLength": 3, "maxLength": 500}}),
                 "responses": {**ok("The proposal.", MK_PROPOSAL), **EBODY, **E401, **MK_403, **MK_404, **MK_409}}},
    "/meldkamer/proposals/{proposal}/merge": {"parameters": [PROPOSALP],
        "post": {"operationId": "mergeMeldkamerProposal", "security": AUTH,
                 "summary": "Move this proposal's messages into another open proposal of the same region.",
                 "requestBody": VERSIONED(["into"], {"into": UUIDS}),
                 "responses": {**ok("The proposal merged into.", MK_PROPOSAL), **EBODY, **E401, **MK_403, **MK_404, **MK_409}}},
    "/meldkamer/proposals/{proposal}/split": {"parameters": [PROPOSALP],
        "post": {"operationId": "splitMeldkamerProposal", "security": AUTH,
                 "summary": "Move some of the messages to a new proposal; at least one stays.",
                 "requestBody": VERSIONED(["messages"], {"messages": {"type": "array", "minItems": 1, "maxItems": 500, "items": UUIDS}}),
                 "responses": {**ok("This proposal and the new one.", {"type": "array", "items": MK_PROPOSAL}), **EBODY, **E401, **MK_403,
                               **MK_404, **MK_409}}},
    "/meldkamer/stream": {
        "get": {"operationId": "meldkamerStream", "security": AUTH,
                "summary": "Server-Sent Events: that messages came in or a proposal was handled in a region you see (sequence, kind and "
                           "regions; fetch the proposals to see what). Last-Event-ID resumes.",
                "responses": {"200": {"description": "The stream.", "content": {"text/event-stream": {"schema": {"type": "string"}}}},
                              **E401, **MK_403}}},
    "/meldkamer/replay": {
        "get": {"operationId": "meldkamerReplayStatus", "security": AUTH,
                "summary": "For a calamiteitencoördinator: the state of the meldkamer's exercise replay (204 when none was started).",
                "responses": {**ok("The replay.", MK_REPLAY), "204": {"description": "No replay was started."}, **E401, **MK_403}},
        "post": {"operationId": "startMeldkamerReplay", "security": AUTH,
                 "summary": "Replay the bundled Amsterdam New Year's Eve set (297 P2000 messages) as exercise messages of your meldkamer, "
                            "at the original pace (1) or up to 100000× faster; their times keep their spacing and end now.",
                 "requestBody": body(obj(["speed"], {"speed": {"type": "number", "minimum": 1, "maximum": 100000},
                                                     "limit": {"type": "integer", "minimum": 1, "maximum": 297}})),
                 "responses": {**ok("Started.", MK_REPLAY, status="202"), **EBODY, **E401, **MK_403,
                               "409": problem("A replay for this meldkamer is running.")}}},
    "/meldkamer/replay/stop": {
        "post": {"operationId": "stopMeldkamerReplay", "security": AUTH, "summary": "Stop the meldkamer's replay.",
                 "responses": {**ok("Stopped.", MK_REPLAY), **E401, **MK_403, "404": problem("No replay was started.")}}},
    "/meldkamer/incidents/{incident}/briefing": {"parameters": [INCIDENT],
        "get": {"operationId": "meldkamerBriefing", "security": AUTH,
                "summary": "Back to the meldkamer (seed 000:L454-457): for an incident you may read, its plots, the objects and functions of the "
                           "dependency model in its area, and what may follow — on your view.",
                "responses": {**ok("The briefing.", obj(["incident", "reference", "title", "grip", "plots", "inArea", "whatFollows"], {
                    "incident": UUIDS, "reference": {"type": "string"}, "title": {"type": "string"}, "grip": {"type": "integer"},
                    "location": {"type": "string", "description": "GeoJSON geometry."},
                    "plots": {"type": "array", "items": obj(["kind", "geometry"], {"kind": {"type": "string"}, "symbol": {"type": "string"},
                                                                                  "label": {"type": "string"}, "geometry": {"type": "string"}})},
                    "inArea": {"type": "array", "items": CANDIDATE}, "whatFollows": ref("Cascade")})), **E401, **E404}}},
    "/incidents/{incident}/meldkamer/takeover": {"parameters": [INCIDENT],
        "post": {"operationId": "takeOverMeldkamerTheme", "security": AUTH,
                 "summary": "The IM or HIN of an involved region takes the incident's meldkamer theme over from the calamiteitencoördinator; journaled.",
                 "requestBody": VERSIONED([], {}),
                 "responses": {**ok("Taken over.", obj(["incident", "version", "meldkamer"], {
                     "incident": UUIDS, "version": {"type": "integer"}, "meldkamer": {"type": "string"}})),
                     **EBODY, **E401, **E404, "409": problem("Not a meldkamer incident, taken over already, or the version is not the current one.")}}},
})

# Refusals every operation can meet before its handler runs, or on the way to its resource; each
# operation lists them so a client knows every status it can get (and the contract tests hold the
# server to that list).
WRITES = {"post", "put", "patch", "delete"}
for template, item in doc["paths"].items():
    for method, operation in item.items():
        if method == "parameters":
            continue
        responses = operation["responses"]
        # AuthenticationMiddleware answers any request with a bearer token that does not authenticate.
        responses.setdefault("401", problem("A bearer token was sent that does not authenticate (invalid, expired or revoked)."))
        # InputHygieneMiddleware; and ids in the path are checked before anything is looked up.
        responses.setdefault("400", problem("The query string holds a control character, or an id in the path is not a UUID."))
        if operation.get("security"):
            responses.setdefault("403", problem(
                "Not allowed: the detail gives the reason (the access policy; an incident you know of but may not read; "
                "an emergency account outside its fallback picture; a cookie session writing without X-CSRF-Token)."))
        if template.startswith("/incidents/{incident}") and method in WRITES:
            responses.setdefault("409", problem("The incident is archived and read-only."))

target = pathlib.Path(__file__).resolve().parent.parent / "Sources/KnooppuntServer/Resources/openapi.json"
target.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
print(f"wrote {target}")
