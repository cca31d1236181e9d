// Client of the newsevents HTTP API (same origin, nothing fetched from elsewhere).

/** GET a JSON resource; errors carry the API's {"error": "..."} message. */
export async function getJSON(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    // a non-JSON error page; reported by status below
  }
  if (!response.ok) {
    throw new Error(body && body.error ? body.error : `${response.status} ${response.statusText}`);
  }
  return body;
}

/** Follow the cursor of /api/events or /api/incidents until done or `max` items. */
export async function fetchAll(kind, filters, { max = 5000, pageSize = 500 } = {}) {
  const items = [];
  let after = null;
  while (items.length < max) {
    const page = await getJSON(`/api/${kind}`, { ...filters, limit: pageSize, after });
    items.push(...page.items);
    if (page.next === null || page.next === undefined) return { items, truncated: false };
    after = page.next;
  }
  return { items, truncated: true };
}
