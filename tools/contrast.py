"""Contrast ratios (WCAG 2.1) of the badge and text colour pairs in app.css.

Usage: python3 tools/contrast.py [path/to/app.css]
Prints every rule that sets a background colour and names a text colour (or inherits the body ink),
with its ratio; exits 1 when a text pair is under 4.5:1.
"""
import pathlib
import re
import sys

CSS = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                   pathlib.Path(__file__).resolve().parents[1] / "Sources/KnooppuntServer/Resources/Public/assets/app.css")


def luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def main() -> int:
    text = CSS.read_text()
    variables = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})", text))
    resolve = lambda v: variables.get(v[6:-1], v) if v.startswith("var(") else v
    failures = 0
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        background = re.search(r"background:\s*(#[0-9a-fA-F]{3,6}|var\(--[a-z-]+\))", body)
        colour = re.search(r"(?<![-a-z])color:\s*(#[0-9a-fA-F]{3,6}|var\(--[a-z-]+\))", body)
        if not background or ":root" in selector or "@media" in selector:
            continue
        bg = resolve(background.group(1))
        fg = resolve(colour.group(1)) if colour else variables["ink"]
        if not bg.startswith("#") or not fg.startswith("#"):
            continue
        value = ratio(fg, bg)
        failures += value < 4.5
        print(f"{value:5.2f}:1 {'FAIL' if value < 4.5 else 'ok  '} {fg} on {bg}  {' '.join(selector.split())}")
    # The focus ring (non-text, WCAG 2.1 1.4.11: ≥ 3:1): each background a focused control can sit on, and the
    # best-contrasting part of the ring (dark ring, white inner halo, yellow outer halo) against it.
    ring = {"dark ring": variables["focus-ring"], "white halo": "#ffffff", "yellow halo": variables["focus"]}
    for name, background in {"card (white)": variables["card"], "page": variables["bg"], "brand header": variables["brand"],
                              "offline header": "#5c6670"}.items():
        parts = ", ".join(f"{part} {ratio(colour, background):.2f}:1" for part, colour in ring.items())
        best = max(ratio(colour, background) for colour in ring.values())
        failures += best < 3
        print(f"focus ring on {name} {background}: {parts} -> {'ok' if best >= 3 else 'FAIL'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
