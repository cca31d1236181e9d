// The article view: the cleaned body with each event's evidence highlighted, the coded
// fields of every event beside it, captions and credits apart.
import { getJSON } from "./api.js";
import { swatch, tint, typeColor } from "./colors.js";
import { actorLabel, el, placeLabel, safeHref } from "./dom.js";

/**
 * Cut `body` at every mention boundary: [{start, end, events: [event index, ...]}, ...],
 * covering the whole text; offsets are clamped to the body and spaces at a mention's ends left out.
 */
export function segments(body, events) {
  const spans = [];
  events.forEach((event, index) => {
    for (const mention of event.mentions || []) {
      let start = Math.max(0, Math.min(body.length, mention.start | 0));
      let end = Math.max(start, Math.min(body.length, mention.end | 0));
      // Sentence spans may carry the blank line after them; highlight the words only.
      while (start < end && /\s/.test(body[start])) start++;
      while (end > start && /\s/.test(body[end - 1])) end--;
      if (end > start) spans.push({ start, end, index });
    }
  });
  const cuts = [...new Set([0, body.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i], end = cuts[i + 1];
    const covering = [...new Set(spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.index))];
    out.push({ start, end, events: covering });
  }
  return out;
}

function field(label, ...value) {
  const parts = value.flat().filter((v) => v !== null && v !== undefined && v !== "");
  return parts.length ? el("div", { class: "field" }, el("dt", { text: label }), el("dd", {}, parts)) : null;
}

function casualtyText(event) {
  return [
    ["fatalities", "killed"], ["injuries", "injured"], ["arrested", "arrested"],
  ].filter(([key]) => event[key] !== null && event[key] !== undefined).map(([key, word]) => {
    const quoted = event.casualty_text && event.casualty_text[key];
    return `${event[key]} ${word}${quoted ? ` (“${quoted}”)` : ""}`;
  }).join("; ");
}

function eventCard(event, index, onFocus) {
  const flags = Object.entries(event.context || {}).filter(([, on]) => on).map(([flag]) => el("span", { class: "flag", text: flag }));
  const when = event.date
    ? [event.date, event.date_precision && event.date_precision !== "day" ? ` (${event.date_precision})` : "",
      event.date_text ? ` from “${event.date_text}”` : "", event.date_inherited ? " · inherited" : ""].join("")
    : "";
  const place = event.location
    ? [placeLabel(event.location), event.location.precision ? ` · ${event.location.precision}` : "",
      typeof event.location.lat === "number" ? ` · ${event.location.lat.toFixed(2)}, ${event.location.lon.toFixed(2)}` : ""].join("")
    : "";
  const acled = event.acled ? `${event.acled.event_type} / ${event.acled.sub_event_type}` : "";
  const card = el(
    "article",
    { class: "event-card", dataset: { index: String(index) }, tabindex: "0", onclick: () => onFocus(index) },
    el("h3", {}, swatch(event.type), event.type, event.mode ? el("span", { class: "mode", text: ` · ${event.mode}` }) : null),
    el("dl", {},
      field("Source", actorLabel(event.source)),
      field("Target", actorLabel(event.target)),
      field("Trigger", event.trigger),
      field("Place", place),
      field("Date", when),
      field("Casualties", casualtyText(event)),
      field("CAMEO", event.cameo),
      field("ACLED", acled),
      field("Attributed to", actorLabel(event.attributed_to)),
      field("Context", flags),
    ),
  );
  card.style.borderLeftColor = typeColor(event.type);
  return card;
}

function renderBody(container, body, events) {
  const nodes = segments(body, events).map(({ start, end, events: covering }) => {
    const text = body.slice(start, end);
    if (!covering.length) return document.createTextNode(text);
    const mark = el("mark", { class: "evidence", dataset: { events: covering.join(" ") }, text });
    mark.style.backgroundColor = tint(typeColor(events[covering[0]].type), 0.35);
    mark.title = covering.map((i) => events[i].type).join(", ");
    return mark;
  });
  container.replaceChildren(...nodes);
}

// A link to a web address that is safe to open, else the address (or the fallback) as text.
function place(url, fallback) {
  const href = safeHref(url);
  return href ? el("a", { href, rel: "noopener noreferrer", target: "_blank", text: url }) : url || fallback;
}

function fillList(box, list, items) {
  box.hidden = !items.length;
  list.replaceChildren(...items.map((text) => el("li", { text })));
}

export function createArticleView(root, { onClose }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const body = $("article-body");
  const cards = $("article-events");

  function focus(index) {
    for (const mark of body.querySelectorAll("mark.evidence")) {
      mark.classList.toggle("focus", mark.dataset.events.split(" ").includes(String(index)));
    }
    for (const card of cards.querySelectorAll(".event-card")) card.classList.toggle("focus", card.dataset.index === String(index));
    const first = body.querySelector("mark.focus");
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  body.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.evidence");
    if (!mark) return;
    const index = mark.dataset.events.split(" ")[0];
    const card = cards.querySelector(`.event-card[data-index="${index}"]`);
    if (card) {
      focus(Number(index));
      card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  });
  $("article-close").addEventListener("click", onClose);

  return {
    async open(id) {
      root.hidden = false;
      root.dataset.state = "loading";
      $("article-title").textContent = "Loading…";
      $("article-meta").replaceChildren();
      body.replaceChildren();
      cards.replaceChildren();
      let article;
      try {
        article = await getJSON(`/api/articles/${encodeURIComponent(id)}`);
      } catch (error) {
        $("article-title").textContent = `Cannot open article: ${error.message}`;
        root.dataset.state = "error";
        return;
      }
      const events = article.events || [];
      $("article-title").textContent = article.title || "(untitled)";
      const copies = (article.copies || []).map((copy) => place(copy.url, copy.source || copy.path || ""));
      $("article-meta").replaceChildren(
        [article.published, article.source].filter(Boolean).join(" · "),
        article.url ? " · " : "",
        place(article.url, ""),
        ` · ${events.length} event${events.length === 1 ? "" : "s"}`,
        ...(copies.length ? [" · also at ", ...copies.flatMap((copy, i) => (i ? [", ", copy] : [copy]))] : []),
      );
      renderBody(body, article.body || "", events);
      cards.replaceChildren(...(events.length
        ? events.map((event, index) => eventCard(event, index, focus))
        : [el("p", { class: "empty", text: "No events were coded in this article." })]));
      fillList($("article-captions-box"), $("article-captions"), article.captions || []);
      fillList($("article-credits-box"), $("article-credits"), article.credits || []);
      root.dataset.state = "ready";
      root.scrollTop = 0;
    },
    close() {
      root.hidden = true;
    },
  };
}
