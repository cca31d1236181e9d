import { el } from "./dom.js";

// One colour per PLOVER event type, grouped by quad class: cooperation in greens and
// blues, verbal conflict in yellows and oranges, material conflict in purples and reds.
const PLOVER = {
  AGREE: "#1b9e77",
  CONSULT: "#66c2a4",
  SUPPORT: "#2ca25f",
  CONCEDE: "#99d8c9",
  COOPERATE: "#2b8cbe",
  AID: "#0868ac",
  RETREAT: "#7bccc4",
  REQUEST: "#fec44f",
  DEMAND: "#fe9929",
  ACCUSE: "#ec7014",
  DISAPPROVE: "#d8b365",
  REJECT: "#cc4c02",
  THREATEN: "#993404",
  PROTEST: "#9467bd",
  SANCTION: "#8c564b",
  MOBILIZE: "#393b79",
  COERCE: "#e7298a",
  ASSAULT: "#d7191c",
};
const SPARE = ["#636363", "#8c6d31", "#bd9e39", "#17becf", "#393b79", "#843c39"];

/** The colour of an event type; unknown types get a stable spare colour. */
export function typeColor(type) {
  if (type && PLOVER[type]) return PLOVER[type];
  let hash = 0;
  for (const ch of String(type ?? "")) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return SPARE[hash % SPARE.length];
}

/** Types in the fixed PLOVER order first, then any others alphabetically. */
export function orderTypes(types) {
  const known = Object.keys(PLOVER);
  return [...new Set(types)].sort((a, b) => {
    const ia = known.indexOf(a), ib = known.indexOf(b);
    if (ia >= 0 && ib >= 0) return ia - ib;
    if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
    return String(a).localeCompare(String(b));
  });
}

/** A translucent version of a #rrggbb colour, for highlights. */
export function tint(hex, alpha = 0.3) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A small square in the colour of `type` (styled through the CSSOM, so no inline style markup). */
export function swatch(type) {
  const node = el("span", { class: "swatch", "aria-hidden": "true" });
  node.style.backgroundColor = typeColor(type);
  return node;
}
