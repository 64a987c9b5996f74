"""The hostile documents too large to check in, made at test time from the checked-in base documents.

`tests/system/test_hostile.py` imports this module. To look at (or replay) the documents by hand:

    python3 tests/hostile/generate.py /tmp/hostile-generated

writes each one to a file of that name in the folder.
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
INTEROP = HERE.parents[2] / "shared" / "interop"

ATTRIBUTES = 40_000
NAMESPACES = 40_000
DEPTH = 100_000


def _cap_base() -> str:
    """The CAP 1.2 earthquake alert of the specification's appendix, as checked in under cap/."""
    return (HERE / "cap" / "circle-radius-1e300.xml").read_text().replace(
        "1E300</circle>", "0</circle>").replace("hostile-circle-radius-1e300", "hostile-generated")


def _rm_base() -> str:
    return (HERE / "edxl-rm" / "request-amount-1e300.xml").read_text().replace(
        "<rm:MeasuredQuantity><rm:Amount>1E300</rm:Amount></rm:MeasuredQuantity>",
        "<rm:QuantityText>4</rm:QuantityText>").replace("hostile-amount-1e300", "hostile-generated")


def _de_base() -> str:
    return (HERE / "edxl-de" / "cap-circle-radius-1e300.xml").read_text().replace(
        "151.9576 1E300</cap:circle>", "151.9576 0.0</cap:circle>").replace(
        "hostile-de-circle-1e300", "hostile-generated")


def _flood_root(document: str, root_start: str, extra: str) -> bytes:
    """Adds `extra` (a run of attributes or declarations) to the root element's start tag."""
    index = document.index(root_start) + len(root_start)
    return (document[:index] + extra + document[index:]).encode()


def attribute_flood(kind: str, count: int = ATTRIBUTES) -> bytes:
    """One element with `count` distinct attributes (libxml2 checks each new one against all before it)."""
    extra = "".join(f' a{number}="x"' for number in range(count))
    return _flood(kind, extra)


def namespace_flood(kind: str, count: int = NAMESPACES) -> bytes:
    """One element declaring `count` namespace prefixes."""
    extra = "".join(f' xmlns:p{number}="urn:hostile:{number}"' for number in range(count))
    return _flood(kind, extra)


def _flood(kind: str, extra: str) -> bytes:
    if kind == "cap":
        return _flood_root(_cap_base(), '<alert xmlns = "urn:oasis:names:tc:emergency:cap:1.2"', extra)
    if kind == "edxl-rm":
        return _flood_root(_rm_base(), "<rmsg:RequestResource", extra)
    if kind == "edxl-de":
        root = '<edxlde:EDXLDistribution xmlns:edxlde="urn:oasis:names:tc:emergency:EDXL:DE:1.0"'
        return _flood_root(_de_base(), root, extra)
    raise ValueError(kind)


def deep_xml(kind: str, depth: int = DEPTH) -> bytes:
    """`depth` nested elements inside the document's first child element."""
    nested = "<x>" * depth + "</x>" * depth
    if kind == "cap":
        document, anchor = _cap_base(), "<identifier>"
    elif kind == "edxl-rm":
        document, anchor = _rm_base(), "<rmsg:MessageID>"
    elif kind == "edxl-de":
        document, anchor = _de_base(), "<edxlde:distributionID>"
    else:
        raise ValueError(kind)
    return document.replace(anchor, nested + anchor, 1).encode()


def quadratic_blowup(kind: str = "cap", size: int = 50_000, references: int = 10_000) -> bytes:
    """One internal entity of `size` characters referenced `references` times: no nesting for a
    billion-laughs counter to see, still about `size * references` characters once expanded."""
    document = _cap_base() if kind == "cap" else _rm_base()
    root = "alert" if kind == "cap" else "rmsg:RequestResource"
    body = document.split("?>", 1)[1].lstrip()
    doctype = f'<!DOCTYPE {root} [\n  <!ENTITY a "{"a" * size}">\n]>\n'
    target = "<headline>EQ 3.4 Imperial County CA</headline>" if kind == "cap" else \
        "<rm:ContactDescription>Arlington Fire Station</rm:ContactDescription>"
    element = target.split(">", 1)[0] + ">"
    closing = "</" + element[1:]
    body = body.replace(target, element + "&a;" * references + closing)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + doctype + body).encode()


def deep_json_array(depth: int = DEPTH) -> bytes:
    return b"[" * depth + b"]" * depth


def deep_json_object(depth: int = DEPTH) -> bytes:
    """An incident whose `location` nests `depth` objects."""
    return (b'{"title": "Hoogwater Amstel proef", "category": "overstroming", "location": '
            + b'{"a": ' * depth + b"1" + b"}" * depth + b"}")


def deep_geojson(depth: int = DEPTH) -> bytes:
    """A GeoJSON Feature whose coordinates nest `depth` arrays (a recursive validator's stack)."""
    return (b'{"type": "Feature", "properties": {"kind": "label", "label": "x"}, '
            b'"geometry": {"type": "Point", "coordinates": ' + b"[" * depth + b"]" * depth + b"}}")


def incident_with_title(length: int) -> bytes:
    return json.dumps({"title": "T" * length, "category": "overstroming"}).encode()


def session_with_username(length: int) -> bytes:
    return json.dumps({"username": "u" * length, "password": "demo"}).encode()


def generated() -> dict[str, bytes]:
    """Every generated document by a file name, for a look by hand."""
    documents = {}
    for kind in ("cap", "edxl-rm", "edxl-de"):
        documents[f"{kind}-attribute-flood.xml"] = attribute_flood(kind)
        documents[f"{kind}-namespace-flood.xml"] = namespace_flood(kind)
        documents[f"{kind}-deep-nesting.xml"] = deep_xml(kind)
    documents["cap-quadratic-blowup.xml"] = quadratic_blowup("cap")
    documents["edxl-rm-quadratic-blowup.xml"] = quadratic_blowup("edxl-rm")
    documents["deep-array.json"] = deep_json_array()
    documents["deep-object-incident.json"] = deep_json_object()
    documents["deep-geojson-feature.json"] = deep_geojson()
    documents["incident-title-1mb.json"] = incident_with_title(1024 * 1024)
    documents["session-username-500kb.json"] = session_with_username(500 * 1024)
    return documents


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: generate.py OUTPUT_FOLDER")
    folder = pathlib.Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in generated().items():
        (folder / name).write_bytes(data)
        print(f"{len(data):>10}  {folder / name}")
