// The map of all open incidents: each region coloured by the highest GRIP level among its incidents,
// incidents with a location as markers. Vector data only; tiles when configured.
(function () {
  "use strict";
  const element = document.getElementById("national-map");
  if (!element || typeof L === "undefined") return;
  const incidents = JSON.parse(element.dataset.incidents || "[]");
  const escapeHTML = window.Knooppunt.escapeHTML;
  const colours = ["#e6ebf0", "#fff1b8", "#ffd591", "#ffa39e", "#ff7875", "#a8071a"];
  const highest = {};
  for (const incident of incidents) {
    for (const region of incident.regions) highest[region] = Math.max(highest[region] ?? -1, incident.grip);
  }
  const map = L.map(element, { zoomSnap: 0.25, zoomControl: false });
  // Leaflet's zoom buttons, titled in the page's language.
  const english = document.documentElement.lang === "en";
  L.control.zoom({ zoomInTitle: english ? "Zoom in" : "Inzoomen", zoomOutTitle: english ? "Zoom out" : "Uitzoomen" }).addTo(map);
  map.attributionControl.setPrefix(false);
  if (element.dataset.tiles) L.tileLayer(element.dataset.tiles, { maxZoom: 19 }).addTo(map);
  map.setView([52.2, 5.3], 7);
  window.knooppuntNationalMap = map;

  fetch(element.dataset.boundaries, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
    .then((response) => response.json())
    .then((collection) => {
      const layer = L.geoJSON(collection, {
        attribution: "CBS / PDOK, CC BY 4.0",
        style: (feature) => {
          const grip = highest[feature.properties.code];
          return {
            color: "#0b4f8a", weight: 1, fillOpacity: grip === undefined ? 0.08 : 0.7,
            fillColor: grip === undefined ? "#6d9cc4" : colours[grip],
          };
        },
        onEachFeature: (feature, regionLayer) => {
          const own = incidents.filter((i) => i.regions.includes(feature.properties.code));
          const lines = own.map((i) => i.gripLabel + " · " + i.reference + " " + i.title);
          regionLayer.bindTooltip(
            [feature.properties.code + " " + feature.properties.name].concat(lines).map(escapeHTML).join("<br>"), { sticky: true });
          regionLayer.on("add", () => {
            const path = regionLayer.getElement();
            if (path) {
              path.setAttribute("data-region", feature.properties.code);
              path.setAttribute("data-grip", highest[feature.properties.code] ?? "none");
            }
          });
        },
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      for (const incident of incidents.filter((i) => i.location && i.location.type === "Point")) {
        const [lon, lat] = incident.location.coordinates;
        const marker = L.circleMarker([lat, lon], { radius: 7, color: "#1f2d3d", weight: 2, fillColor: colours[incident.grip], fillOpacity: 1 });
        marker.on("add", () => { const path = marker.getElement(); if (path) path.setAttribute("data-incident", incident.id); });
        marker.bindTooltip(escapeHTML(incident.gripLabel + " · " + incident.reference + " " + incident.title))
          .on("click", () => { location.href = incident.url; })
          .addTo(map);
      }
      // What may follow across regional borders: a dot per shared step in its wave's colour, a dashed line
      // from the step it follows from (the colours of app.css, .wave-0 … .wave-5).
      const waveColours = ["#b00020", "#d4561e", "#e09b00", "#5a7d00", "#1f6f8b", "#5b4a8a"];
      const steps = JSON.parse(element.dataset.cascades || "[]");
      const byKey = {};
      steps.forEach((step) => { byKey[step.key] = step; });
      for (const step of steps) {
        const from = step.from && byKey[step.from];
        if (from) {
          L.polyline([[from.lat, from.lon], [step.lat, step.lon]], { color: waveColours[step.wave] || "#555", weight: 2, dashArray: "4 4" }).addTo(map);
        }
        L.circleMarker([step.lat, step.lon], { radius: 5, color: "#222", weight: 1, fillColor: waveColours[step.wave] || "#555", fillOpacity: 0.9,
                                               className: "cascade-step" })
          .bindTooltip(escapeHTML(step.at + " · " + step.name)).addTo(map);
      }
      element.dataset.cascadesDrawn = String(steps.length);
      element.dataset.loaded = String(collection.features.length);
    })
    .catch((error) => {
      const message = document.createElement("p");
      message.className = "error";
      message.textContent = error.message;
      element.appendChild(message);
    });
})();
