// The map: country borders from the bundled Natural Earth TopoJSON (no tiles, no network)
// and one circle per event or incident, clustered, coloured by type, sized by fatalities.
import L from "./leaflet-global.js";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import { typeColor } from "./colors.js";
import { el } from "./dom.js";

/** Circle radius in pixels: area grows with the number killed. */
export function radiusFor(fatalities) {
  return 5 + Math.min(20, 2.5 * Math.sqrt(Math.max(0, fatalities || 0)));
}

function popupFor(row) {
  const casualties = [
    row.fatalities !== null ? `${row.fatalities} killed` : null,
    row.injuries !== null ? `${row.injuries} injured` : null,
  ].filter(Boolean);
  return el(
    "div",
    { class: "popup" },
    el("strong", { text: row.type }),
    row.date ? ` · ${row.date}` : "",
    el("div", { text: row.place }),
    row.source || row.target ? el("div", { text: [row.source, row.target].filter(Boolean).join(" → ") }) : null,
    casualties.length ? el("div", { text: casualties.join(", ") }) : null,
    row.articleId ? el("a", { href: `#article=${encodeURIComponent(row.articleId)}`, text: "Open article" }) : null,
  );
}

export function createMap(container) {
  const map = L.map(container, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth");
  map.setView([25, 15], 2);
  const borders = L.geoJSON(null, {
    interactive: false,
    style: { color: "#8a8f98", weight: 0.7, fillColor: "#eef0f2", fillOpacity: 1 },
  }).addTo(map);
  const bordersReady = fetch("/static/countries.json")
    .then((response) => response.json())
    .then((topo) => borders.addData(feature(topo, topo.objects.countries)));
  const cluster = L.markerClusterGroup({ maxClusterRadius: 35, showCoverageOnHover: false, spiderfyOnMaxZoom: true });
  map.addLayer(cluster);

  return {
    bordersReady,
    /** Replace the markers by `rows` (those with coordinates); zoom to them when `fit`. */
    update(rows, { fit = false } = {}) {
      cluster.clearLayers();
      const markers = [];
      for (const row of rows) {
        if (row.lat === null || row.lon === null) continue;
        const color = typeColor(row.type);
        const marker = L.circleMarker([row.lat, row.lon], {
          radius: radiusFor(row.fatalities),
          color: "#333",
          weight: 1,
          fillColor: color,
          fillOpacity: 0.85,
          className: "ne-marker",
        });
        marker.bindPopup(() => popupFor(row));
        markers.push(marker);
      }
      cluster.addLayers(markers);
      if (fit && markers.length) {
        map.fitBounds(L.latLngBounds(markers.map((m) => m.getLatLng())).pad(0.3), { maxZoom: 5 });
      }
      return markers.length;
    },
    invalidate() {
      map.invalidateSize();
    },
  };
}
