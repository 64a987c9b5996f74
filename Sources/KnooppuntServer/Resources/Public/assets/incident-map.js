// The incident map: reference layers, partner layers and the incident's plots with Leaflet, simple
// drawing tools, and the municipalities and regions inside the drawn areas. It follows the timeline
// (the map as it was) and live changes. Leaflet only; no plugins.
(function () {
  "use strict";
  const element = document.getElementById("incident-map");
  if (!element || typeof L === "undefined") return;
  const K = window.Knooppunt || {};
  const text = JSON.parse(element.dataset.strings || "{}");
  const api = "/api/v1/incidents/" + element.dataset.incident;
  const canDraw = element.dataset.draw === "true";
  const canVerify = element.dataset.verify === "true";
  let reshaping = null;
  const message = document.getElementById("map-message");
  const affectedList = document.getElementById("affected-area");
  let at = element.dataset.at || null;

  const map = L.map(element, { doubleClickZoom: false, zoomSnap: 0.5, zoomControl: false });
  // Leaflet's zoom buttons, titled in the page's language (the map's strings where it passes them).
  const english = document.documentElement.lang === "en";
  L.control.zoom({ zoomInTitle: text.zoomIn || (english ? "Zoom in" : "Inzoomen"),
                   zoomOutTitle: text.zoomOut || (english ? "Zoom out" : "Uitzoomen") }).addTo(map);
  map.attributionControl.setPrefix(false);
  if (element.dataset.tiles) L.tileLayer(element.dataset.tiles, { maxZoom: 19 }).addTo(map);
  map.setView([52.37, 4.89], 11);
  window.knooppuntMap = map;

  function say(textContent) {
    if (message) message.textContent = textContent || "";
  }

  async function request(url, options) {
    let response;
    try {
      response = await fetch(url, Object.assign({ credentials: "same-origin" }, options || {}));
    } catch (ignored) {
      // The browser's own message ("Failed to fetch") is English and says nothing to a crisis team.
      throw new Error(document.documentElement.lang === "en" ? "No connection to the server" : "Geen verbinding met de server");
    }
    if (!response.ok) {
      let detail = "HTTP " + response.status;
      try { detail = (await response.json()).detail || detail; } catch (ignored) { /* not JSON */ }
      throw new Error(detail);
    }
    return response;
  }

  // Reference and partner layers, fetched when first switched on.
  function lazyLayer(url, style, onEachFeature) {
    const layer = L.geoJSON(null, { style, attribution: "CBS / PDOK, CC BY 4.0", onEachFeature });
    let loaded = false;
    layer.on("add", () => {
      if (loaded) return;
      loaded = true;
      request(url, { headers: { Accept: "application/geo+json" } }).then((r) => r.json())
        .then((data) => layer.addData(data)).catch((error) => say(error.message));
    });
    return layer;
  }
  const outline = (colour) => () => ({ color: colour, weight: 1, fillOpacity: 0.03 });
  const overlays = {};
  // Without a tile server (offline, or none configured) the municipalities are the base map: each
  // carries its name, shown once zoomed in far enough to read it.
  const nameMunicipalities = element.dataset.tiles ? undefined : (feature, layer) => {
    const name = feature.properties && feature.properties.gm_name;
    if (name) layer.bindTooltip(name, { permanent: true, direction: "center", className: "map-place-name", interactive: false });
  };
  const showNames = () => element.classList.toggle("map-names-hidden", map.getZoom() < 10);
  map.on("zoomend", showNames);
  showNames();
  overlays[text.municipalities] = lazyLayer("/api/v1/layers/municipalities", outline("#5c6b7a"), nameMunicipalities).addTo(map);
  overlays[text.regions] = lazyLayer("/api/v1/layers/regions", outline("#0b4f8a"));
  overlays[text.provinces] = lazyLayer("/api/v1/layers/provinces", outline("#531dab"));
  const plots = L.featureGroup().addTo(map);
  overlays[text.plots] = plots;
  const switcher = L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  // Leaflet names the (hidden) toggle of the layer list in English; say it in the page's language.
  const toggle = switcher.getContainer().querySelector(".leaflet-control-layers-toggle");
  if (toggle && text.layers) { toggle.title = text.layers; toggle.setAttribute("aria-label", text.layers); }
  request("/api/v1/layers").then((r) => r.json()).then((layers) => {
    for (const layer of layers.filter((l) => !l.reference)) {
      switcher.addOverlay(lazyLayer("/api/v1/layers/" + layer.id, outline("#d46b08")), layer.name + " (" + layer.owner + ")");
    }
  }).catch(() => {});

  // Plots.
  function icon(properties) {
    const label = properties.label || text.symbols[properties.symbol] || properties.symbol || "";
    const kind = properties.kind === "label" ? "plot-label" : "plot-symbol symbol-" + (properties.symbol || "none");
    // A symbol is its pictogram with its name beside it (never the picture alone); a label is text.
    const symbol = properties.kind === "label" ? "" : String(properties.symbol || "").replace(/[^a-z-]/g, "");
    const picture = symbol && text.symbols[symbol] ? '<img src="/assets/symbols/' + symbol + '.svg" alt="" width="24" height="24">' : "";
    return L.divIcon({ className: "plot-icon " + kind, html: "<span>" + picture + K.escapeHTML(label) + "</span>", iconSize: null });
  }

  function popup(feature) {
    const p = feature.properties;
    const box = document.createElement("div");
    box.className = "plot-popup";
    const title = document.createElement("strong");
    title.textContent = (p.label || text.kinds[p.kind] || p.kind);
    box.appendChild(title);
    const meta = document.createElement("p");
    meta.textContent = (text.kinds[p.kind] || p.kind) + " · v" + p.version + " · " + p.author + " (" + p.organisation + ") · "
      + (text.verification[p.verification] || p.verification);
    box.appendChild(meta);
    if (canDraw && !at && ["line", "route", "area", "effect-area", "cordon", "evacuation-area"].includes(p.kind)) {
      const reshape = document.createElement("button");
      reshape.type = "button";
      reshape.className = "small plot-reshape";
      reshape.textContent = text.reshape;
      reshape.addEventListener("click", () => {
        map.closePopup();
        setTool(p.kind);
        reshaping = { id: feature.id, version: p.version };
        say(text.reshapeHint);
      });
      box.appendChild(reshape);
    }
    if (canVerify && !at) {
      for (const status of ["verified", "contradicted"]) {
        if (p.verification === status) continue;
        const button = document.createElement("button");
        button.type = "button";
        button.className = "small plot-" + status;
        button.textContent = text.verification[status];
        button.addEventListener("click", () => {
          request(api + "/plots/" + feature.id + "/verification", {
            method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": K.csrfToken() },
            body: JSON.stringify({ baseVersion: p.version, status }),
          }).then(() => { map.closePopup(); reload(); }).catch((error) => say(error.message));
        });
        box.appendChild(button);
      }
    }
    if (canDraw && !at) {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "small plot-remove";
      remove.textContent = text.remove;
      remove.addEventListener("click", () => {
        request(api + "/plots/" + feature.id + "?baseVersion=" + p.version, {
          method: "DELETE", headers: { "X-CSRF-Token": K.csrfToken() },
        }).then(() => { map.closePopup(); reload(); }).catch((error) => say(error.message));
      });
      box.appendChild(remove);
    }
    return box;
  }

  /** What a click at `latlng` does with the chosen drawing tool; false when no tool is chosen. */
  function toolClick(latlng) {
    if (!tool || at || !(toolbar && canDraw)) return false;
    const point = { type: "Point", coordinates: [round(latlng.lng), round(latlng.lat)] };
    if (tool === "symbol") { post("symbol", point, { symbol: field("map-symbol") || "incident" }); return true; }
    if (tool === "label") { post("label", point); return true; }
    if (tool === "circle") { post("circle", point, { radius: Number(field("map-radius")) || 500 }); return true; }
    points.push(latlng);
    sketch.clearLayers();
    const shape = tool === "line" || tool === "route" ? L.polyline(points) : L.polygon(points);
    sketch.addLayer(shape.setStyle({ dashArray: "6 4", weight: 2 }));
    for (const p of points) sketch.addLayer(L.circleMarker(p, { radius: 4 }));
    return true;
  }

  function draw(collection) {
    plots.clearLayers();
    L.geoJSON(collection, {
      style: (feature) => ({ color: feature.properties.colour, weight: 3, fillOpacity: 0.25 }),
      pointToLayer: (feature, latlng) => {
        const p = feature.properties;
        if (p.kind === "circle") return L.circle(latlng, { radius: p.radius, color: p.colour, weight: 2, fillOpacity: 0.2 });
        const marker = L.marker(latlng, { icon: icon(p), draggable: canDraw && !at, title: p.label || p.symbol || "" });
        marker.on("dragend", () => {
          const position = marker.getLatLng();
          const body = JSON.stringify({
            type: "Feature", properties: { baseVersion: p.version },
            geometry: { type: "Point", coordinates: [round(position.lng), round(position.lat)] },
          });
          request(api + "/plots/" + feature.id, {
            method: "PATCH", headers: { "Content-Type": "application/geo+json", "X-CSRF-Token": K.csrfToken() }, body,
          }).then(reload).catch((error) => { say(error.message); reload(); });
        });
        return marker;
      },
      onEachFeature: (feature, layer) => {
        // With a drawing tool chosen, a click on a plot places or draws there (sandbags go inside the
        // effect area); without one it opens the plot's details.
        layer.on("click", (event) => {
          L.DomEvent.stopPropagation(event);
          if (toolClick(event.latlng)) return;
          if (!tool) {
            showPosition(event.latlng);
            L.popup().setLatLng(event.latlng).setContent(popup(feature)).openOn(map);
          }
        });
        layer.on("add", () => {
          const node = layer.getElement && layer.getElement();
          if (node) node.setAttribute("data-plot", feature.id);
        });
      },
    }).eachLayer((layer) => plots.addLayer(layer));
    element.dataset.plots = String(collection.features.length);
    if (!element.dataset.fitted && plots.getLayers().length) {
      element.dataset.fitted = "true";
      map.fitBounds(plots.getBounds(), { padding: [30, 30], maxZoom: 14 });
    }
  }

  function query() {
    return at ? "?at=" + encodeURIComponent(at) : "";
  }

  function showAffected(area) {
    if (!affectedList) return;
    affectedList.innerHTML = "";
    const heading = document.createElement("p");
    heading.textContent = area.municipalities.length ? text.affected : text.noneAffected;
    affectedList.appendChild(heading);
    const byRegion = {};
    for (const m of area.municipalities) (byRegion[m.region] = byRegion[m.region] || []).push(m);
    const list = document.createElement("ul");
    list.id = "affected-municipalities";
    for (const region of Object.keys(byRegion).sort()) {
      const item = document.createElement("li");
      item.dataset.region = region;
      item.textContent = region + ": " + byRegion[region].map((m) => m.name).join(", ");
      list.appendChild(item);
    }
    affectedList.appendChild(list);
    if (area.proposesInterregionalScaling) {
      const advice = document.createElement("p");
      advice.className = "advice";
      advice.id = "irbt-advice";
      advice.textContent = text.irbt;
      affectedList.appendChild(advice);
    }
    if (area.partners.length) {
      const partners = document.createElement("p");
      partners.className = "muted";
      partners.textContent = text.partners + ": " + area.partners.map((p) => p.name).join(", ");
      affectedList.appendChild(partners);
    }
  }

  let loading = Promise.resolve();
  function reload() {
    loading = loading.then(() => Promise.all([
      request(api + "/plots" + query(), { headers: { Accept: "application/geo+json" } }).then((r) => r.json()).then(draw),
      request(api + "/affected-area" + query()).then((r) => r.json()).then(showAffected),
    ])).then(() => { element.dataset.at = at || ""; }).catch((error) => say(error.message));
    return loading;
  }

  // Drawing.
  const toolbar = document.getElementById("map-tools");
  let tool = null;
  let points = [];
  const sketch = L.layerGroup().addTo(map);
  const round = (value) => Math.round(value * 1e6) / 1e6;

  // The overview keeps the map small beside the totaalbeeld; drawing, or the reader, makes it large
  // (the whole width, above the rest), so there is room to work (decision 0024).
  const cockpit = element.closest(".cockpit");
  const enlargeButton = document.getElementById("map-enlarge");
  function enlarge(large) {
    if (!cockpit || cockpit.classList.contains("map-large") === large) return;
    cockpit.classList.toggle("map-large", large);
    if (enlargeButton) {
      enlargeButton.setAttribute("aria-pressed", String(large));
      enlargeButton.textContent = large ? text.shrink : text.enlarge;
    }
    map.invalidateSize({ pan: true, animate: false });
  }
  if (enlargeButton) enlargeButton.addEventListener("click", () => enlarge(!cockpit.classList.contains("map-large")));

  function setTool(name) {
    if (name) enlarge(true);
    tool = name;
    reshaping = null;
    points = [];
    sketch.clearLayers();
    if (toolbar) {
      for (const button of toolbar.querySelectorAll("button[data-tool]")) {
        button.setAttribute("aria-pressed", String(button.dataset.tool === name));
      }
    }
    element.classList.toggle("drawing", Boolean(name));
    say(name ? text.hints[name] || "" : "");
  }

  function field(id) {
    const input = document.getElementById(id);
    return input ? input.value.trim() : "";
  }

  function post(kind, geometry, extra) {
    const properties = Object.assign({ kind }, extra || {});
    const label = field("map-label");
    if (label) properties.label = label;
    const classification = field("map-classification");
    if (classification) properties.classification = classification;
    return request(api + "/plots", {
      method: "POST", headers: { "Content-Type": "application/geo+json", "X-CSRF-Token": K.csrfToken() },
      body: JSON.stringify({ type: "Feature", properties, geometry }),
    }).then(() => { setTool(null); return reload(); }).catch((error) => say(error.message));
  }

  /** A new plot, or the new shape of the plot being reshaped. */
  function save(kind, geometry) {
    if (!reshaping) return post(kind, geometry);
    const target = reshaping;
    return request(api + "/plots/" + target.id, {
      method: "PATCH", headers: { "Content-Type": "application/geo+json", "X-CSRF-Token": K.csrfToken() },
      body: JSON.stringify({ type: "Feature", properties: { baseVersion: target.version }, geometry }),
    }).then(() => { setTool(null); return reload(); }).catch((error) => say(error.message));
  }

  function finish() {
    const coordinates = points.map((p) => [round(p.lng), round(p.lat)]);
    if (tool === "line" || tool === "route") {
      if (coordinates.length < 2) return say(text.hints[tool]);
      return save(tool, { type: "LineString", coordinates });
    }
    if (["area", "effect-area", "cordon", "evacuation-area"].includes(tool)) {
      if (coordinates.length < 3) return say(text.hints[tool]);
      return save(tool, { type: "Polygon", coordinates: [coordinates.concat([coordinates[0]])] });
    }
  }

  if (toolbar && canDraw) {
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.tool) setTool(tool === button.dataset.tool ? null : button.dataset.tool);
      if (button.id === "map-finish") finish();
      if (button.id === "map-cancel") setTool(null);
    });
    map.on("click", (event) => { toolClick(event.latlng); });
    map.on("dblclick", () => { if (tool) finish(); });
  }

  // RD New: read the position of a click, and go to (or place a plot at) typed RD coordinates.
  const position = document.getElementById("map-position");
  function showPosition(latlng) {
    request("/api/v1/coordinates?lat=" + latlng.lat + "&lon=" + latlng.lng).then((r) => r.json()).then((c) => {
      if (position) position.textContent = "RD " + c.x.toFixed(0) + ", " + c.y.toFixed(0) + " · WGS84 " + c.lat.toFixed(5) + ", " + c.lon.toFixed(5);
    }).catch((error) => { if (position) position.textContent = error.message; });
  }
  map.on("click", (event) => { if (!tool) showPosition(event.latlng); });
  const rdForm = document.getElementById("rd-form");
  let rdMarker = null;
  if (rdForm) {
    rdForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const x = document.getElementById("rd-x").value, y = document.getElementById("rd-y").value;
      request("/api/v1/coordinates?x=" + encodeURIComponent(x) + "&y=" + encodeURIComponent(y)).then((r) => r.json()).then((c) => {
        const latlng = L.latLng(c.lat, c.lon);
        map.setView(latlng, Math.max(map.getZoom(), 14));
        if (rdMarker) rdMarker.remove();
        rdMarker = L.circleMarker(latlng, { radius: 6, color: "#531dab" }).addTo(map);
        if (position) position.textContent = "RD " + c.x.toFixed(0) + ", " + c.y.toFixed(0) + " · WGS84 " + c.lat.toFixed(5) + ", " + c.lon.toFixed(5);
        if (tool && !at) map.fire("click", { latlng });
      }).catch((error) => say(error.message));
    });
  }

  document.addEventListener("knooppunt:moment", (event) => {
    at = event.detail.at;
    setTool(null);
    if (toolbar) toolbar.hidden = Boolean(at);
    reload();
  });
  // The page's one stream (incident.js) tells of every change; plots redraw the map.
  document.addEventListener("knooppunt:event", (event) => {
    if (!at && event.detail.kind.indexOf("plot.") === 0) reload();
  });
  reload();
})();
