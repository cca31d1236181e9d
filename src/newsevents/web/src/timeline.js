// Events over time, stacked by type; brushing a range of bars calls onBrush({since, until}) or onBrush(null).
// Bars are days, weeks, months or years, whichever keeps them readable; by default the timeline shows the
// busiest run of dates, so that one event dated decades back does not squash the rest.
import { axisBottom, axisLeft } from "d3-axis";
import { brushX } from "d3-brush";
import { scaleBand, scaleLinear } from "d3-scale";
import { select } from "d3-selection";
import { orderTypes, typeColor } from "./colors.js";

const MARGIN = { top: 8, right: 12, bottom: 22, left: 34 };
const DAY_MS = 86_400_000;
const GAP_DAYS = 31; // dates further apart than this belong to different runs
const UNITS = [
  // [name, widest span in days shown with it]
  ["day", 92],
  ["week", 2 * 366],
  ["month", 25 * 366],
  ["year", Infinity],
];

const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/** The first day of the `unit` holding ISO day `day` (weeks start on Monday). */
export function binStart(day, unit) {
  const date = new Date(`${day}T00:00:00Z`);
  if (unit === "week") return iso(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS);
  if (unit === "month") return `${day.slice(0, 7)}-01`;
  if (unit === "year") return `${day.slice(0, 4)}-01-01`;
  return day;
}

function nextBin(start, unit) {
  const date = new Date(`${start}T00:00:00Z`);
  if (unit === "month") date.setUTCMonth(date.getUTCMonth() + 1);
  else if (unit === "year") date.setUTCFullYear(date.getUTCFullYear() + 1);
  else date.setUTCDate(date.getUTCDate() + (unit === "week" ? 7 : 1));
  return iso(date.getTime());
}

/** Contiguous bins [{since, until, counts: {type: n}}] over the ISO days of byDay. */
export function binDays(byDay, days) {
  if (!days.length) return { unit: "day", bins: [] };
  const span = (Date.parse(days[days.length - 1]) - Date.parse(days[0])) / DAY_MS;
  const unit = UNITS.find(([, widest]) => span <= widest)[0];
  const bins = [];
  const index = new Map();
  for (let start = binStart(days[0], unit); start <= days[days.length - 1]; start = nextBin(start, unit)) {
    const next = nextBin(start, unit);
    index.set(start, bins.length);
    bins.push({ since: start, until: iso(Date.parse(next) - DAY_MS), counts: {} });
  }
  for (const day of days) {
    const counts = bins[index.get(binStart(day, unit))].counts;
    for (const [type, n] of Object.entries(byDay[day])) counts[type] = (counts[type] || 0) + n;
  }
  return { unit, bins };
}

/** The run of dates (gaps of at most GAP_DAYS) holding the most events. */
export function busiestRun(byDay, days) {
  const total = (d) => Object.values(byDay[d]).reduce((a, b) => a + b, 0);
  let best = [], run = [], bestCount = -1, count = 0;
  days.forEach((day, i) => {
    if (i && (Date.parse(day) - Date.parse(days[i - 1])) / DAY_MS > GAP_DAYS) {
      run = [];
      count = 0;
    }
    run.push(day);
    count += total(day);
    if (count > bestCount) [best, bestCount] = [[...run], count];
  });
  return best;
}

export function createTimeline(container, { onBrush, onScope }) {
  let byDay = {};
  let range = null;
  let showAll = false;
  const svg = select(container).append("svg").attr("class", "timeline-svg");

  function draw() {
    svg.selectAll("*").remove();
    const width = Math.max(200, container.clientWidth);
    const height = 240;
    svg.attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
    const allDays = Object.keys(byDay).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
    const days = showAll ? allDays : busiestRun(byDay, allDays);
    const shown = new Set(days);
    const hidden = allDays.filter((d) => !shown.has(d)).reduce((n, d) => n + Object.values(byDay[d]).reduce((a, b) => a + b, 0), 0);
    const { unit, bins } = binDays(byDay, days);
    svg.attr("data-unit", unit);
    onScope({ unit, hidden, showAll, from: days[0], to: days[days.length - 1] });
    if (!bins.length) {
      svg.append("text").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle").attr("class", "empty").text("No dated events");
      return;
    }
    const types = orderTypes(bins.flatMap((b) => Object.keys(b.counts)));
    const x = scaleBand().domain(bins.map((b) => b.since)).range([MARGIN.left, width - MARGIN.right]).paddingInner(0.15);
    const totals = bins.map((b) => Object.values(b.counts).reduce((a, c) => a + c, 0));
    const y = scaleLinear().domain([0, Math.max(1, ...totals)]).nice().range([height - MARGIN.bottom, MARGIN.top]);

    const bars = svg.append("g").attr("class", "bars");
    for (const bin of bins) {
      let base = 0;
      for (const type of types) {
        const n = bin.counts[type] || 0;
        if (!n) continue;
        bars.append("rect")
          .attr("x", x(bin.since)).attr("width", x.bandwidth())
          .attr("y", y(base + n)).attr("height", y(base) - y(base + n))
          .attr("fill", typeColor(type))
          .attr("data-since", bin.since).attr("data-until", bin.until).attr("data-type", type)
          .append("title").text(`${bin.since === bin.until ? bin.since : `${bin.since} – ${bin.until}`} ${type}: ${n}`);
        base += n;
      }
    }
    const label = { day: (d) => d, week: (d) => d, month: (d) => d.slice(0, 7), year: (d) => d.slice(0, 4) }[unit];
    const every = Math.max(1, Math.ceil(bins.length / Math.max(1, Math.floor(width / 80))));
    svg.append("g").attr("transform", `translate(0,${height - MARGIN.bottom})`)
      .call(axisBottom(x).tickValues(bins.filter((_, i) => i % every === 0).map((b) => b.since)).tickFormat(label).tickSizeOuter(0));
    svg.append("g").attr("transform", `translate(${MARGIN.left},0)`)
      .call(axisLeft(y).ticks(4).tickFormat((v) => (Number.isInteger(v) ? v : "")));

    const brush = brushX().extent([[MARGIN.left, MARGIN.top], [width - MARGIN.right, height - MARGIN.bottom]]);
    const brushLayer = svg.append("g").attr("class", "brush").call(brush);
    const picked = range ? bins.filter((b) => b.since >= binStart(range.since, unit) && b.since <= range.until) : [];
    if (picked.length) brush.move(brushLayer, [x(picked[0].since), x(picked[picked.length - 1].since) + x.bandwidth()]);
    brush.on("end", (event) => {
      if (!event.sourceEvent) return; // moved by code, not by the user
      const [x0, x1] = event.selection || [0, -1];
      const inside = bins.filter((b) => x(b.since) + x.bandwidth() / 2 >= x0 && x(b.since) + x.bandwidth() / 2 <= x1);
      range = inside.length ? { since: inside[0].since, until: inside[inside.length - 1].until } : null;
      onBrush(range);
    });
  }

  new ResizeObserver(() => draw()).observe(container);
  return {
    update(newByDay) {
      byDay = newByDay || {};
      range = null;
      draw();
    },
    clear() {
      range = null;
      draw();
    },
    toggleAll() {
      showAll = !showAll;
      range = null;
      onBrush(null);
      draw();
    },
  };
}
