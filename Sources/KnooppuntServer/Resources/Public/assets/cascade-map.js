// Draws "Wat kan volgen" on a map with Leaflet: each step as a dot coloured by its wave, and a line from the
// node it follows from. The steps come from the page (data-steps); no tiles are needed.
(function () {
  "use strict";
  const element = document.getElementById("cascade-map");
  if (!element || typeof L === "undefined") return;
  let steps = [];
  try {
    steps = JSON.parse(element.dataset.steps || "[]");
  } catch (error) {
    return;
  }
  const english = document.documentElement.lang === "en";
  const map = L.map(element, { zoomControl: false, attributionControl: true });
  L.control.zoom({ zoomInTitle: english ? "Zoom in" : "Inzoomen", zoomOutTitle: english ? "Zoom out" : "Uitzoomen" }).addTo(map);
  map.attributionControl.setPrefix(false);
  if (element.dataset.tiles) L.tileLayer(element.dataset.tiles, { maxZoom: 19 }).addTo(map);
  // The wave colours of app.css (.wave-0 … .wave-5).
  const colours = ["#b00020", "#d4561e", "#e09b00", "#5a7d00", "#1f6f8b", "#5b4a8a"];
  // The regions as a light background, so a reader sees where the waves fall (and which regions they reach).
  if (element.dataset.boundaries) {
    fetch(element.dataset.boundaries, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((collection) => {
        if (!collection) return;
        L.geoJSON(collection, {
          attribution: "CBS / PDOK, CC BY 4.0", interactive: false,
          style: () => ({ color: "#7d8b99", weight: 1, fillColor: "#ffffff", fillOpacity: 0.6 }),
        }).addTo(map).bringToBack();
      })
      .catch(() => {});
  }
  const byKey = {};
  steps.forEach((step) => { byKey[step.key] = step; });
  const layer = L.featureGroup().addTo(map);
  steps.forEach((step) => {
    const from = step.from && byKey[step.from];
    if (from) {
      L.polyline([[from.lat, from.lon], [step.lat, step.lon]], { color: colours[step.wave] || "#555", weight: 2, dashArray: "4 4" }).addTo(layer);
    }
  });
  steps.forEach((step) => {
    const marker = L.circleMarker([step.lat, step.lon], {
      radius: 8, color: "#222", weight: 1, fillColor: colours[step.wave] || "#555", fillOpacity: 0.9,
      className: "cascade-step wave-marker-" + step.wave,
    }).addTo(layer);
    marker.bindTooltip(String(step.number), { permanent: true, direction: "right", className: "step-label" });
    marker.bindPopup(step.number + ". " + step.name + " · " + step.at);
  });
  if (steps.length) {
    map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 13 });
  } else {
    map.setView([52.2, 5.3], 7);
  }
  element.dataset.loaded = String(steps.length);
})();
