/* eventsift web app: the map and the timeline of the incidents view.
 *
 * Everything shown here comes from scraped pages and is hostile: text is
 * put into the page with textContent or createTextNode only, never as HTML,
 * and Leaflet popups get DOM elements, never strings. Links are built only
 * to this app's own pages. The filter lives in the URL query string, which
 * the server-rendered form, table and export buttons share with this file.
 */
"use strict";

const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
const OTHER_COLOUR = "#7f7f7f";
const SVG_NS = "http://www.w3.org/2000/svg";

function typeColour(type) {
  return Object.prototype.hasOwnProperty.call(TYPE_COLOURS, type) ? TYPE_COLOURS[type] : OTHER_COLOUR;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function svgElement(tag, attributes) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
  return node;
}

function incidentHref(id) {
  return "/incidents/" + encodeURIComponent(String(id));
}

function filterHref(changes) {
  const params = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === "") params.delete(name); else params.set(name, value);
  }
  params.delete("page");
  return "/?" + params.toString();
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { "Accept": "application/json" } });
  if (!response.ok) throw new Error(url + ": HTTP " + response.status);
  return response.json();
}

function showStatus(container, message) {
  const status = container.querySelector(".status") || container.appendChild(element("p", null, "status"));
  status.textContent = message;
}

/* ---------- map ---------- */

function markerRadius(incident, sizeBy) {
  const value = sizeBy === "fatalities" ? (incident.fatalities || 0) : (incident.sources || 1);
  return Math.min(4 + 3 * Math.sqrt(value), 30);
}

function popupFor(incident) {
  const box = element("div", null, "popup");
  const title = [incident.event_type, incident.place].filter(Boolean).join(" - ");
  const link = element("a", title || ("Incident " + incident.id));
  link.href = incidentHref(incident.id);
  box.appendChild(link);
  const facts = [incident.date || "date unknown", incident.event_type, incident.place,
    "sources: " + incident.sources];
  if (incident.fatalities !== null && incident.fatalities !== undefined) facts.push("fatalities: " + incident.fatalities);
  for (const fact of facts) if (fact) box.appendChild(element("div", fact));
  return box;
}

function drawIncidents(layer, incidents, sizeBy) {
  layer.clearLayers();
  const bounds = [];
  for (const incident of incidents) {
    const target = [incident.lat, incident.lon];
    const colour = typeColour(incident.event_type);
    for (const launch of incident.launches || []) {
      window.L.polyline([[launch.lat, launch.lon], target],
        { color: colour, weight: 1.5, dashArray: "4 4", opacity: 0.8, className: "launch-line" }).addTo(layer);
      window.L.circleMarker([launch.lat, launch.lon],
        { radius: 3, color: colour, fillOpacity: 0.2, weight: 1, className: "launch-site" }).addTo(layer);
      bounds.push([launch.lat, launch.lon]);
    }
    const marker = window.L.circleMarker(target, {
      radius: markerRadius(incident, sizeBy), color: colour, fillColor: colour,
      fillOpacity: 0.55, weight: 1, className: "incident-marker",
    });
    marker.bindPopup(popupFor(incident));
    marker.addTo(layer);
    bounds.push(target);
  }
  return bounds;
}

function addLegend(map) {
  const legend = window.L.control({ position: "bottomright" });
  legend.onAdd = function () {
    const box = element("div", null, "legend");
    for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
      const row = element("div");
      const swatch = element("span", null, "swatch");
      swatch.style.backgroundColor = colour;
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(type));
      box.appendChild(row);
    }
    return box;
  };
  legend.addTo(map);
}

function drawBasemap(map, outlines) {
  window.L.geoJSON(outlines, {
    interactive: false,
    renderer: window.L.canvas({ padding: 0.5 }),
    style: { color: "#8a8f98", weight: 0.6, fillColor: "#eef0f2", fillOpacity: 1 },
  }).addTo(map);
}

function addOnlineTiles(map, container) {
  const template = container.dataset.tileUrl;
  if (!template || !/^https:\/\//.test(template)) return;
  window.L.tileLayer(template, { maxZoom: 18, attribution: container.dataset.tileAttribution || "" }).addTo(map);
}

async function initMap(container) {
  if (!window.L) { showStatus(container, "The map script did not load."); return; }
  const map = window.L.map(container.querySelector(".map-canvas"), { worldCopyJump: true, preferCanvas: false });
  map.setView([30, 40], 3);
  map.attributionControl.setPrefix("Leaflet | Natural Earth");
  addOnlineTiles(map, container);
  const layer = window.L.featureGroup().addTo(map);
  addLegend(map);
  const sizeSelect = container.querySelector("select[name=size]");
  let incidents = [];
  const redraw = function (fit) {
    const bounds = drawIncidents(layer, incidents, sizeSelect ? sizeSelect.value : "sources");
    if (fit && bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 8 });
  };
  if (sizeSelect) sizeSelect.addEventListener("change", function () {
    redraw(false);
    rememberInUrl("size", sizeSelect.value);
  });
  const [basemap, features] = await Promise.allSettled(
    [fetchJson(container.dataset.basemapUrl), fetchJson(container.dataset.featuresUrl)]);
  if (basemap.status === "fulfilled") drawBasemap(map, basemap.value);
  else showStatus(container, "Basemap unavailable: " + basemap.reason.message);
  if (features.status === "rejected") {
    showStatus(container, "Incidents unavailable: " + features.reason.message);
    return;
  }
  incidents = features.value.incidents;
  redraw(true);
  showStatus(container, features.value.more
    ? "Showing the " + features.value.shown + " latest located incidents; narrow the filter to see others."
    : features.value.shown + " located incidents.");
  container.dataset.ready = "true";
}

function rememberInUrl(name, value) {
  const params = new URLSearchParams(window.location.search);
  params.set(name, value);
  window.history.replaceState(null, "", "?" + params.toString());
}

/* ---------- timeline ---------- */

function drawTimeline(container, data) {
  const width = 900, height = 160, left = 36, bottom = 20, top = 8;
  const svg = svgElement("svg", { viewBox: "0 0 " + width + " " + height, role: "img", class: "timeline-chart" });
  const title = svgElement("title");
  title.textContent = "Incidents per " + data.bucket + " by type";
  svg.appendChild(title);
  const buckets = data.buckets;
  const peak = Math.max(1, ...buckets.map(function (b) { return b.total; }));
  const slot = (width - left) / Math.max(buckets.length, 1);
  const scale = (height - bottom - top) / peak;
  svg.appendChild(axisLabel(left - 4, top + 8, String(peak), "end"));
  svg.appendChild(axisLabel(left - 4, height - bottom, "0", "end"));
  buckets.forEach(function (bucket, index) {
    const link = svgElement("a", { href: filterHref({ date_from: bucket.start, date_to: bucket.end }) });
    const label = svgElement("title");
    label.textContent = bucket.start + (bucket.end !== bucket.start ? " to " + bucket.end : "") + ": " + bucket.total;
    link.appendChild(label);
    let y = height - bottom;
    for (const type of data.types) {
      const count = bucket.counts[type] || 0;
      if (!count) continue;
      const h = count * scale;
      y -= h;
      link.appendChild(svgElement("rect", {
        x: left + index * slot + 1, y: y, width: Math.max(slot - 2, 1), height: h,
        fill: typeColour(type), class: "bar",
      }));
    }
    svg.appendChild(link);
  });
  if (buckets.length) {
    svg.appendChild(axisLabel(left, height - 4, buckets[0].start, "start"));
    svg.appendChild(axisLabel(width, height - 4, buckets[buckets.length - 1].end, "end"));
  }
  container.querySelector(".timeline-canvas").replaceChildren(svg);
}

function axisLabel(x, y, text, anchor) {
  const label = svgElement("text", { x: x, y: y, "text-anchor": anchor, class: "axis" });
  label.textContent = text;
  return label;
}

async function initTimeline(container) {
  try {
    const data = await fetchJson(container.dataset.timelineUrl);
    if (!data.buckets.length) { showStatus(container, "No dated incidents match."); return; }
    drawTimeline(container, data);
    showStatus(container, data.total + " dated incidents, per " + data.bucket + ". Click a bar to filter to it.");
    container.dataset.ready = "true";
  } catch (error) {
    showStatus(container, "Timeline unavailable: " + error.message);
  }
}

/* ---------- filter form ---------- */

function tidyFilterForm(form) {
  /* Leave empty and default fields out of the URL so shared links stay short. */
  form.addEventListener("submit", function () {
    for (const field of form.elements) {
      if (field.name && (!field.value || field.value === field.dataset.default)) field.disabled = true;
    }
  });
  window.addEventListener("pageshow", function () {  /* back from the results: usable again */
    for (const field of form.elements) field.disabled = false;
  });
}

document.addEventListener("DOMContentLoaded", function () {
  const form = document.getElementById("filters");
  if (form) tidyFilterForm(form);
  const map = document.getElementById("map");
  if (map) initMap(map);
  const timeline = document.getElementById("timeline");
  if (timeline) initTimeline(timeline);
});
