// The dashboard: filters -> API -> map, timeline and table; #article=<id> opens an article.
import { fetchAll, getJSON } from "./api.js";
import { createArticleView } from "./article.js";
import { orderTypes, swatch } from "./colors.js";
import { el } from "./dom.js";
import { createMap } from "./map.js";
import { inRange, toRow } from "./rows.js";
import { createTable } from "./table.js";
import { createTimeline } from "./timeline.js";

const MAX_ITEMS = 5000;
const FILTER_NAMES = ["type", "country", "actor", "since", "until", "text"];

const state = { kind: "events", filters: {}, rows: [], range: null, truncated: false, shown: 0, mapped: 0 };
// Read-only view for debugging and the browser tests.
window.__newsevents = state;

function setStatus(text, isError = false) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function readFilters(form) {
  const data = new FormData(form);
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, String(data.get(name) || "").trim()]).filter(([, v]) => v));
}

function fillChoices(stats) {
  const select = document.querySelector("#filters select[name=type]");
  const current = select.value;
  select.replaceChildren(el("option", { value: "", text: "any" }),
    ...orderTypes(Object.keys(stats.by_type || {})).map((type) => el("option", { value: type, text: `${type} (${stats.by_type[type]})` })));
  select.value = current;
  document.getElementById("countries").replaceChildren(
    ...Object.keys(stats.by_country || {}).sort().map((code) => el("option", { value: code, text: `${code} (${stats.by_country[code]})` })));
}

function fillLegend(rows) {
  const counts = {};
  for (const row of rows) counts[row.type] = (counts[row.type] || 0) + 1;
  document.getElementById("legend").replaceChildren(
    ...orderTypes(Object.keys(counts)).map((type) => el("li", {}, swatch(type), `${type} ${counts[type]}`)));
}

function main() {
  const form = document.getElementById("filters");
  const map = createMap(document.getElementById("map"));
  const articleView = createArticleView(document.getElementById("article"), {
    onClose: () => { location.hash = ""; },
  });
  const table = createTable(document.getElementById("table"), {
    onOpen: (id) => { location.hash = `article=${encodeURIComponent(id)}`; },
    onCount: (total, shown) => {
      document.getElementById("table-count").textContent = total > shown ? `${shown} of ${total} shown` : `${total}`;
    },
  });
  const brushLabel = document.getElementById("brush-range");
  const brushClear = document.getElementById("brush-clear");

  function render({ fit = false } = {}) {
    const visible = inRange(state.rows, state.range);
    state.shown = visible.length;
    state.mapped = map.update(visible, { fit });
    table.update(visible, state.kind);
    fillLegend(visible);
    document.getElementById("table-title").textContent = state.kind === "events" ? "Events" : "Incidents";
    brushLabel.textContent = state.range ? `${state.range.since} – ${state.range.until}` : "";
    brushClear.hidden = !state.range;
    const unmapped = visible.length - state.mapped;
    setStatus(`${visible.length} ${state.kind}${state.truncated ? ` (first ${MAX_ITEMS})` : ""}` +
      (unmapped ? `, ${unmapped} without coordinates` : ""));
  }

  const scopeButton = document.getElementById("timeline-scope");
  const timeline = createTimeline(document.getElementById("timeline"), {
    onBrush: (range) => { state.range = range; render(); },
    onScope: ({ unit, hidden, showAll, from, to }) => {
      document.getElementById("timeline-title").textContent = `Events per ${unit}`;
      document.getElementById("timeline-note").textContent = hidden ? `${hidden} dated event${hidden === 1 ? " lies" : "s lie"} outside ${from} – ${to}.` : "";
      scopeButton.hidden = !hidden && !showAll;
      scopeButton.textContent = showAll ? "Show the busiest period" : "Show all dates";
    },
  });
  brushClear.addEventListener("click", () => { state.range = null; timeline.clear(); render(); });
  scopeButton.addEventListener("click", () => timeline.toggleAll());

  let generation = 0;
  async function load() {
    const mine = ++generation;
    document.body.dataset.state = "loading";
    setStatus("Loading…");
    try {
      const [stats, page] = await Promise.all([
        getJSON("/api/stats", state.filters),
        fetchAll(state.kind, state.filters, { max: MAX_ITEMS }),
      ]);
      if (mine !== generation) return;
      state.rows = page.items.map((item) => toRow(item, state.kind));
      state.truncated = page.truncated;
      state.range = null;
      if (!Object.keys(state.filters).length) fillChoices(stats);
      timeline.update(stats.by_day);
      render({ fit: true });
      document.body.dataset.state = "ready";
    } catch (error) {
      if (mine !== generation) return;
      setStatus(error.message, true);
      document.body.dataset.state = "error";
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state.filters = readFilters(form);
    load();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => { state.filters = {}; load(); });
  });
  for (const radio of document.querySelectorAll("input[name=kind]")) {
    radio.addEventListener("change", () => { state.kind = radio.value; load(); });
  }

  function route() {
    const match = /^#article=(.+)$/.exec(location.hash);
    if (match) articleView.open(decodeURIComponent(match[1]));
    else articleView.close();
  }
  window.addEventListener("hashchange", route);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && location.hash) location.hash = "";
  });
  route();
  load();
}

document.addEventListener("DOMContentLoaded", main);
