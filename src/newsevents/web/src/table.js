// The sortable table of events or incidents; a click on a row opens its article.
import { swatch } from "./colors.js";
import { el } from "./dom.js";

const MAX_ROWS = 1000;
const COLUMNS = {
  events: [
    ["date", "Date"], ["type", "Type"], ["source", "Source"], ["target", "Target"], ["place", "Place"],
    ["fatalities", "Killed"], ["injuries", "Injured"], ["title", "Article"], ["evidence", "Evidence"],
  ],
  incidents: [
    ["date", "Date"], ["type", "Type"], ["source", "Source"], ["target", "Target"], ["place", "Place"],
    ["fatalities", "Killed"], ["injuries", "Injured"], ["title", "Articles"],
  ],
};
const NUMERIC = new Set(["fatalities", "injuries"]);
const CELL_CLASS = { fatalities: "num", injuries: "num", date: "nowrap", evidence: "evidence-cell" };

/** Compare two row values: empties last, numbers as numbers, text case-insensitively. */
export function compareValues(a, b) {
  const emptyA = a === null || a === "", emptyB = b === null || b === "";
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { sensitivity: "base", numeric: true });
}

export function createTable(table, { onOpen, onCount }) {
  const thead = table.querySelector("thead");
  const tbody = table.querySelector("tbody");
  let rows = [];
  let kind = "events";
  let sort = { key: "date", descending: true };

  function header() {
    thead.replaceChildren(
      el("tr", {}, COLUMNS[kind].map(([key, label]) => {
        const active = sort.key === key;
        return el("th", {
          scope: "col",
          "aria-sort": active ? (sort.descending ? "descending" : "ascending") : "none",
          class: active ? "sorted" : null,
          dataset: { key },
          onclick: () => {
            sort = { key, descending: active ? !sort.descending : NUMERIC.has(key) || key === "date" };
            render();
          },
        }, label, active ? (sort.descending ? " ▾" : " ▴") : "");
      })),
    );
  }

  function render() {
    header();
    const sorted = [...rows].sort((a, b) => {
      const order = compareValues(a[sort.key], b[sort.key]);
      const emptyInvolved = a[sort.key] === null || a[sort.key] === "" || b[sort.key] === null || b[sort.key] === "";
      return sort.descending && !emptyInvolved ? -order : order;
    });
    const shown = sorted.slice(0, MAX_ROWS);
    tbody.replaceChildren(...shown.map((row) => el(
      "tr",
      {
        dataset: { key: row.key, article: row.articleId || "" },
        tabindex: "0",
        onclick: () => row.articleId && onOpen(row.articleId),
        onkeydown: (event) => event.key === "Enter" && row.articleId && onOpen(row.articleId),
      },
      COLUMNS[kind].map(([key]) => {
        if (key === "type") {
          return el("td", { class: "nowrap" }, swatch(row.type), row.type);
        }
        return el("td", { class: CELL_CLASS[key] || null, text: row[key] ?? "" });
      }),
    )));
    onCount(rows.length, shown.length);
  }

  return {
    update(newRows, newKind) {
      if (newKind !== kind) sort = { key: "date", descending: true };
      rows = newRows;
      kind = newKind;
      render();
    },
  };
}
