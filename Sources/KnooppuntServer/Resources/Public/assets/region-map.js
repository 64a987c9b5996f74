// Draws the 25 safety regions on the home page map with Leaflet. No tiles are needed: the boundaries
// are vector data from the server; a tile layer is added only when one is configured.
(function () {
  "use strict";
  const element = document.getElementById("region-map");
  if (!element || typeof L === "undefined") return;

  const map = L.map(element, { zoomSnap: 0.25, attributionControl: true, zoomControl: false });
  // Leaflet's zoom buttons, titled in the page's language.
  const english = document.documentElement.lang === "en";
  L.control.zoom({ zoomInTitle: english ? "Zoom in" : "Inzoomen", zoomOutTitle: english ? "Zoom out" : "Uitzoomen" }).addTo(map);
  map.attributionControl.setPrefix(false);
  const tiles = element.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
  }
  map.setView([52.2, 5.3], 7);

  const highlight = element.dataset.highlight;
  fetch(element.dataset.boundaries, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
    .then((response) => {
      if (!response.ok) throw new Error("boundaries: HTTP " + response.status);
      return response.json();
    })
    .then((collection) => {
      const layer = L.geoJSON(collection, {
        attribution: "CBS / PDOK, CC BY 4.0",
        style: (feature) => {
          const own = feature.properties.code === highlight;
          return {
            color: own ? "#8a5a00" : "#0b4f8a",
            weight: own ? 3 : 1.2,
            fillColor: own ? "#ffbf47" : "#6d9cc4",
            fillOpacity: own ? 0.55 : 0.25,
          };
        },
        onEachFeature: (feature, regionLayer) => {
          regionLayer.bindTooltip(feature.properties.code + " " + feature.properties.name, { sticky: true });
          regionLayer.getElement && regionLayer.on("add", () => {
            const path = regionLayer.getElement();
            if (path) {
              path.setAttribute("data-region", feature.properties.code);
              path.classList.add("region-shape");
            }
          });
        },
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      element.dataset.loaded = String(collection.features.length);
    })
    .catch((error) => {
      const message = document.createElement("p");
      message.className = "error";
      message.textContent = error.message;
      element.appendChild(message);
    });
})();
