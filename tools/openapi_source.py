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
                              "liaison", "voorzitter", "kcr2-analist", "partner-user", "beheerder"]},
            "CreateUser": {"type": "object", "additionalProperties": False,
                "required": ["username", "displayName", "organisation", "role", "password"], "properties": {
                "username": {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{1,63}$"},
                "displayName": {"type": "string", "minLength": 1, "maxLength": 200},
                "organisation": {"type": "string", "description": "Organisation code, e.g. VR13."},
                "role": ref("Role"), "password": {"type": "string", "minLength": 10}}},
            "Organisation": {"type": "object", "required": ["code", "name", "kind"], "properties": {
                "code": {"type": "string"}, "name": {"type": "string"},
                "kind": {"enum": ["region", "national-node", "partner", "ministry", "other"]},
                "region": {"type": "string"}}},
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
                                  "responses": ok("The OpenAPI document.", {"type": "object"})}},
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
    },
}

target = pathlib.Path(__file__).resolve().parent.parent / "Sources/KnooppuntServer/Resources/openapi.json"
target.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
print(f"wrote {target}")
