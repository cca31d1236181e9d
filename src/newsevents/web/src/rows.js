// Events and incidents reduced to the one shape the map, timeline and table draw.
import { actorLabel, placeLabel } from "./dom.js";

/** A display row for an item of /api/events (kind "events") or /api/incidents. */
export function toRow(item, kind) {
  const place = item.location || null;
  const articleIds = kind === "events" ? [item.article_id] : item.article_ids || [];
  return {
    key: `${kind}:${item.id}`,
    kind,
    id: item.id,
    type: item.type || "",
    date: item.date || "",
    lat: place && typeof place.lat === "number" ? place.lat : null,
    lon: place && typeof place.lon === "number" ? place.lon : null,
    place: placeLabel(place),
    country: (place && place.country) || "",
    fatalities: item.fatalities ?? null,
    injuries: item.injuries ?? null,
    source: actorLabel(item.source),
    target: actorLabel(item.target),
    title: kind === "events" ? item.article_title || "" : `${articleIds.length} article${articleIds.length === 1 ? "" : "s"}`,
    evidence: kind === "events" && item.mentions && item.mentions.length ? item.mentions[0].sentence : "",
    articleId: articleIds.find(Boolean) || null,
  };
}

/** Rows whose date lies in [since, until] (ISO strings, inclusive); all rows when range is null. */
export function inRange(rows, range) {
  if (!range) return rows;
  return rows.filter((row) => row.date && row.date >= range.since && row.date <= range.until);
}
