// The capacity map: each registry line with a home location as a circle sized by what is available
// (grey when nothing is), open assistance requests as red markers. Redrawn when the live region changes.
(function () {
  "use strict";
  const element = document.getElementById("capacity-map");
  if (!element || typeof L === "undefined") return;
  const escapeHTML = window.Knooppunt.escapeHTML;
  const map = L.map(element, { zoomSnap: 0.25, zoomControl: false });
  // Leaflet's zoom buttons, titled in the page's language.
  const english = document.documentElement.lang === "en";
  L.control.zoom({ zoomInTitle: english ? "Zoom in" : "Inzoomen", zoomOutTitle: english ? "Zoom out" : "Uitzoomen" }).addTo(map);
  map.attributionControl.setPrefix(false);
  if (element.dataset.tiles) L.tileLayer(element.dataset.tiles, { maxZoom: 19 }).addTo(map);
  map.setView([52.2, 5.3], 7);
  window.knooppuntCapacityMap = map;
  const layer = L.layerGroup().addTo(map);

  fetch(element.dataset.boundaries, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
    .then((response) => response.json())
    .then((collection) => {
      const regions = L.geoJSON(collection, {
        attribution: "CBS / PDOK, CC BY 4.0",
        style: () => ({ color: "#0b4f8a", weight: 1, fillOpacity: 0.05, fillColor: "#6d9cc4" }),
        interactive: false,
      }).addTo(map);
      map.fitBounds(regions.getBounds(), { padding: [8, 8] });
      regions.bringToBack();
      element.dataset.loaded = "true";
    })
    .catch((error) => console.warn("boundaries", error));

  function draw() {
    const data = document.getElementById("capacity-data");
    if (!data) return;
    const lines = JSON.parse(data.dataset.lines || "[]");
    const requests = JSON.parse(data.dataset.requests || "[]");
    layer.clearLayers();
    for (const line of lines) {
      const marker = L.circleMarker([line.latitude, line.longitude], {
        radius: 5 + Math.min(12, line.available * 2), color: "#1f2d3d", weight: 1,
        fillColor: line.available > 0 ? "#2e7d32" : "#9e9e9e", fillOpacity: 0.8,
      }).bindTooltip(escapeHTML(`${line.holder} · ${line.type} · ${line.label}: ${line.available} / ${line.count}`));
      marker.on("add", () => {
        const path = marker.getElement();
        if (path) { path.setAttribute("data-holder", line.holder); path.setAttribute("data-available", line.available); }
      });
      marker.addTo(layer);
    }
    for (const request of requests) {
      const marker = L.circleMarker([request.latitude, request.longitude], {
        radius: 9, color: "#a8071a", weight: 3, fillColor: "#ff7875", fillOpacity: 0.9,
      }).bindTooltip(escapeHTML(`${request.number} · ${request.quantity} × ${request.type} · ${request.status}`))
        .on("click", () => { location.href = request.url; });
      marker.on("add", () => { const path = marker.getElement(); if (path) path.setAttribute("data-request", request.number); });
      marker.addTo(layer);
    }
    element.dataset.drawn = String(lines.length + requests.length);
  }
  draw();
  document.addEventListener("knooppunt:swapped", draw);
})();
