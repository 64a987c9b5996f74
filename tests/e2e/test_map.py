"""The incident map: draw an effect area across the VR13/VR12 border, see both regions' municipalities
proposed, then move the timeline back and see the map before the polygon."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import login, screenshot, open_form
from test_access import text_of, wait
from test_incident import open_new_incident


def click_at(driver, lat, lon):
    """Clicks the map at a geographic position."""
    element = driver.find_element(By.ID, "incident-map")
    # the whole map in view, so a point near its edge is on the screen too
    driver.execute_script("arguments[0].scrollIntoView({ block: 'center' })", element)
    point = driver.execute_script(
        "const p = window.knooppuntMap.latLngToContainerPoint([arguments[0], arguments[1]]); return [p.x, p.y];", lat, lon)
    size = element.size
    ActionChains(driver).move_to_element_with_offset(
        element, int(point[0] - size["width"] / 2), int(point[1] - size["height"] / 2)).click().perform()


def test_polygon_across_the_border_proposes_both_regions_and_the_timeline_goes_back(server, browser):
    open_new_incident(browser, server, "im-vr13", "Rookpluim Schiphol-Oost")
    wait(browser, lambda d: d.execute_script("return !!window.knooppuntMap"))
    browser.execute_script("window.knooppuntMap.setView([52.345, 4.78], 12)")
    wait(browser, lambda d: "Nog geen gebied getekend" in text_of(d, "affected-area"))
    # the moment the incident was opened: the slider's left end, surely before any drawing
    slider_before = browser.execute_script("return document.getElementById('timeline').min")

    # MUT: draw an effect area with four clicks across the Amsterdam / Haarlemmermeer border
    browser.find_element(By.CSS_SELECTOR, '#map-tools button[data-tool="effect-area"]').click()
    browser.find_element(By.ID, "map-label").send_keys("Rookpluim")
    for lat, lon in [(52.33, 4.74), (52.33, 4.82), (52.36, 4.82), (52.36, 4.74)]:
        click_at(browser, lat, lon)
    browser.find_element(By.ID, "map-finish").click()

    # both regions' municipalities are proposed, with the IRBT advice
    wait(browser, lambda d: "VR12" in text_of(d, "affected-municipalities") and "VR13" in text_of(d, "affected-municipalities"))
    affected = text_of(browser, "affected-area")
    assert "Amsterdam" in affected and "Haarlemmermeer" in affected
    assert "overweeg GRIP 5" in affected
    assert browser.execute_script("return document.getElementById('incident-map').dataset.plots") == "1"
    screenshot(browser, "50-map-polygon-across-border", "map-section")

    # MUT: move the timeline back to before the polygon: the map shows no plot and no affected area
    browser.execute_script(
        "const s = document.getElementById('timeline'); s.value = arguments[0];"
        "s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change'));", slider_before)
    wait(browser, lambda d: d.execute_script("return document.getElementById('incident-map').dataset.plots") == "0")
    wait(browser, lambda d: "Nog geen gebied getekend" in text_of(d, "affected-area"))
    assert not browser.find_element(By.ID, "map-tools").is_displayed(), "no drawing on the past"
    screenshot(browser, "51-map-before-polygon", "map-section")

    # and back to now: the polygon returns
    browser.find_element(By.ID, "back-to-live").click()
    wait(browser, lambda d: d.execute_script("return document.getElementById('incident-map').dataset.plots") == "1")


def test_national_map_colours_regions_by_grip(server, browser, second_browser):
    # the voorzitter opens and scales: GRIP 4 is the region's decision (decision 0020)
    incident_url = open_new_incident(browser, server, "voorzitter-vr13", "Grote brand <b>Westpoort</b>")
    from selenium.webdriver.support.ui import Select
    open_form(browser, "scaling-form")
    Select(browser.find_element(By.ID, "scaling-grip")).select_by_value("4")
    browser.find_element(By.ID, "scaling-reason").send_keys("Rook over meerdere gemeenten")
    browser.find_element(By.ID, "scaling-submit").click()
    wait(browser, lambda d: "GRIP 4" in text_of(d, "fact-grip"))

    login(second_browser, server, "analist-kcr2")
    second_browser.find_element(By.ID, "nav-map").click()
    wait(second_browser, lambda d: d.find_elements(By.CSS_SELECTOR, 'path[data-region="VR13"]'))
    grip = second_browser.find_element(By.CSS_SELECTOR, 'path[data-region="VR13"]').get_attribute("data-grip")
    assert grip != "none" and int(grip) >= 3
    listed = text_of(second_browser, "national-incidents")
    assert "Grote brand <b>Westpoort</b>" in listed, "titles are shown as text, never as markup"
    assert incident_url.split("/")[-1].lower() in second_browser.page_source.lower()
    screenshot(second_browser, "52-national-map")


def test_rd_coordinates_place_a_symbol_and_clicks_read_rd(server, browser):
    open_new_incident(browser, server, "im-vr13", "Gaslek Dam")
    wait(browser, lambda d: d.execute_script("return !!window.knooppuntMap"))
    # MUT: with the symbol tool chosen, typed RD coordinates (the Dam, Amsterdam) place the plot there
    browser.find_element(By.CSS_SELECTOR, '#map-tools button[data-tool="symbol"]').click()
    browser.find_element(By.ID, "rd-x").send_keys("121256")
    browser.find_element(By.ID, "rd-y").send_keys("487362")
    browser.find_element(By.ID, "rd-go").click()
    wait(browser, lambda d: d.execute_script("return document.getElementById('incident-map').dataset.plots") == "1")
    wait(browser, lambda d: "VR13: Amsterdam" not in text_of(d, "affected-area"))  # a symbol marks no area
    assert "RD 121256, 487362" in text_of(browser, "map-position")
    # reading: a click on the map without a tool shows its RD position
    centre = browser.execute_script("const c = window.knooppuntMap.getCenter(); return [c.lat, c.lng];")
    click_at(browser, centre[0] + 0.002, centre[1] + 0.003)
    wait(browser, lambda d: text_of(d, "map-position").startswith("RD 12"))
    screenshot(browser, "53-map-rd-coordinates", "map-section")


def test_reshape_and_verify_a_plot(server, browser):
    url = open_new_incident(browser, server, "im-vr13", "Afzetting Museumplein")
    incident_id = url.rstrip("/").split("/")[-1]
    wait(browser, lambda d: d.execute_script("return !!window.knooppuntMap"))
    browser.execute_script("window.knooppuntMap.setView([52.357, 4.88], 15)")
    browser.find_element(By.CSS_SELECTOR, '#map-tools button[data-tool="cordon"]').click()
    for lat, lon in [(52.355, 4.876), (52.355, 4.884), (52.359, 4.884)]:
        click_at(browser, lat, lon)
    browser.find_element(By.ID, "map-finish").click()
    wait(browser, lambda d: d.execute_script("return document.getElementById('incident-map').dataset.plots") == "1")

    def plot():
        return browser.execute_script(
            "const r = await fetch('/api/v1/incidents/' + arguments[0] + '/plots'); return (await r.json()).features[0];",
            incident_id)

    # MUT: redraw the cordon as a larger square; it becomes version 2
    click_at(browser, 52.356, 4.882)
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".plot-reshape"))
    browser.find_element(By.CSS_SELECTOR, ".plot-reshape").click()
    for lat, lon in [(52.354, 4.874), (52.354, 4.886), (52.360, 4.886), (52.360, 4.874)]:
        click_at(browser, lat, lon)
    browser.find_element(By.ID, "map-finish").click()
    wait(browser, lambda d: plot()["properties"]["version"] == 2)
    assert len(plot()["geometry"]["coordinates"][0]) == 5

    # MUT: the IM verifies it from its popup
    click_at(browser, 52.357, 4.880)
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".plot-verified"))
    browser.find_element(By.CSS_SELECTOR, ".plot-verified").click()
    wait(browser, lambda d: plot()["properties"]["verification"] == "verified")
    screenshot(browser, "54-map-reshaped-and-verified", "map-section")


def test_demo_incident_shows_its_map(server, browser):
    login(browser, server, "im-vr13")
    browser.get(server + "/incidents")
    browser.find_element(By.LINK_TEXT, "Hoogwater Amstel bij Ouderkerk").click()
    wait(browser, lambda d: d.execute_script("return (document.getElementById('incident-map') || {dataset: {}}).dataset.plots") == "2")
    wait(browser, lambda d: "Ouder-Amstel" in text_of(d, "affected-area"))
    assert "Rijkswaterstaat" in text_of(browser, "access")
    # without a tile server the municipalities carry their names (a labelled offline base), not when zoomed out
    wait(browser, lambda d: "Ouder-Amstel" in [e.text for e in d.find_elements(By.CSS_SELECTOR, "#incident-map .map-place-name")])
    screenshot(browser, "55-demo-incident-map", "map-section")
    browser.execute_script("window.knooppuntMap.setZoom(8, { animate: false })")
    wait(browser, lambda d: not any(e.is_displayed() for e in d.find_elements(By.CSS_SELECTOR, "#incident-map .map-place-name")))


def test_a_symbol_placed_inside_an_effect_area_lands_there(server, browser):
    open_new_incident(browser, server, "im-vr13", "Kwel achter de dijk")
    wait(browser, lambda d: d.execute_script("return !!window.knooppuntMap"))
    browser.execute_script("window.knooppuntMap.setView([52.30, 4.90], 13, { animate: false })")
    browser.find_element(By.CSS_SELECTOR, '#map-tools button[data-tool="effect-area"]').click()
    browser.find_element(By.ID, "map-label").send_keys("Kwelgebied")
    for lat, lon in [(52.29, 4.88), (52.29, 4.92), (52.31, 4.92), (52.31, 4.88)]:
        click_at(browser, lat, lon)
    browser.find_element(By.ID, "map-finish").click()
    wait(browser, lambda d: d.execute_script("return document.getElementById('incident-map').dataset.plots") == "1")
    # the first plot fits the map to it (animated): settle the view before clicking by position
    browser.execute_script("window.knooppuntMap.stop(); window.knooppuntMap.setView([52.30, 4.90], 14, { animate: false })")

    # MUT: with the symbol tool, a click inside the area places the symbol (no popup of the area):
    # sandbags, a pictogram of the flood set with its name beside it
    browser.find_element(By.CSS_SELECTOR, '#map-tools button[data-tool="symbol"]').click()
    browser.find_element(By.ID, "map-label").clear()
    Select(browser.find_element(By.ID, "map-symbol")).select_by_value("sandbags")
    click_at(browser, 52.30, 4.90)
    wait(browser, lambda d: d.execute_script("return document.getElementById('incident-map').dataset.plots") == "2")
    placed = browser.execute_script(
        "const found = []; window.knooppuntMap.eachLayer((l) => { if (l instanceof L.Marker && l.getLatLng) found.push([l.getLatLng().lat, l.getLatLng().lng]); });"
        "return found;")
    assert any(52.29 < lat < 52.31 and 4.88 < lon < 4.92 for lat, lon in placed), f"inside the area: {placed}"
    assert not browser.find_elements(By.CSS_SELECTOR, ".leaflet-popup"), "the area's popup did not open"
    marker = browser.find_element(By.CSS_SELECTOR, "#incident-map .plot-symbol.symbol-sandbags")
    assert marker.text == "Zandzakken"
    picture = marker.find_element(By.TAG_NAME, "img")
    wait(browser, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", picture))
    assert picture.get_attribute("src").endswith("/assets/symbols/sandbags.svg")
    screenshot(browser, "54-map-symbol-inside-area", "map-section")

    # the tool is done after one symbol: a click on the area shows its details again
    click_at(browser, 52.305, 4.885)
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-popup .plot-popup"))
