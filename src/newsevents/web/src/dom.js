// Small DOM helpers. Every piece of data reaches the page through textContent or
// attribute setters, never through HTML strings: article text is untrusted.

/** Make an element: el("td", { class: "num", text: 3, title: "…" }, child, …). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The URL when it is a web address, else null (keeps javascript: and data: out of links). */
export function safeHref(url) {
  if (typeof url !== "string" || url === "") return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** "Name (KAZ, GOV)" for an actor dict of the output contract, or "" when absent. */
export function actorLabel(actor) {
  if (!actor) return "";
  const codes = [actor.country, actor.sector].filter(Boolean).join(", ");
  const name = actor.name || actor.text || "";
  return codes ? `${name} (${codes})` : name;
}

/** "Almaty, KAZ" for a place dict, or "" when absent. */
export function placeLabel(place) {
  if (!place) return "";
  return [place.name || place.text, place.country].filter(Boolean).join(", ");
}
