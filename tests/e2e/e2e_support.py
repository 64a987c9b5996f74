"""Helpers the browser tests import."""
import pathlib

SCREENSHOTS = pathlib.Path(__file__).resolve().parent / "screenshots"


def screenshot(driver, name: str) -> pathlib.Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
