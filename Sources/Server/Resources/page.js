// termgraph's page. Every text that comes from the corpus is put into the page with
// textContent inside its own <bdi> (or a dir="auto" element): it can never become markup, and
// it cannot reorder the text around it. Characters that override the direction of text are
// shown as visible marks instead of acting.
"use strict";

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
const OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/g;

/** The text with every bidi embedding, override and isolate shown as a mark like ⟦U+202E⟧. */
function visible(text) {
  return String(text ?? "").replace(OVERRIDES, (c) => "⟦U+" + c.codePointAt(0).toString(16).toUpperCase() + "⟧");
}

/** An element holding `text` as text, isolated in its own direction. */
function bdi(text, tag = "bdi") {
  const element = document.createElement(tag);
  element.textContent = visible(text);
  if (tag !== "bdi") element.dir = "auto";
  return element;
}

function clear(element) { while (element.firstChild) element.removeChild(element.firstChild); }

async function api(path, parameters = {}) {
  const query = new URLSearchParams(parameters).toString();
  const response = await fetch(path + (query ? "?" + query : ""), { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw body.error ?? { message: response.statusText };
  return body;
}

function showError(error) {
  const box = $("error");
  clear(box);
  box.append(bdi(error.message ?? String(error), "span"));
  const names = [...(error.candidates ?? []), ...(error.suggestions ?? [])];
  if (names.length) {
    box.append(" — " + (error.candidates?.length ? "it could be: " : "did you mean: "));
    names.forEach((term, i) => { if (i) box.append(", "); box.append(termLink(term.slug, term.title)); });
  }
  box.hidden = false;
}

function hideError() { $("error").hidden = true; }

/** A link that opens a term's page. */
function termLink(slug, title) {
  const link = document.createElement("a");
  link.className = "term";
  link.href = "#term=" + encodeURIComponent(slug);
  link.append(bdi(title || slug));
  return link;
}

// Suggestions as one types: the server folds the query as §3 says (prefixes, hamza, ta marbuta…).
function suggest(input, list, chosen) {
  let timer = 0, asked = 0, selected = -1;
  const items = () => [...list.children];
  const mark = () => items().forEach((item, i) => item.setAttribute("aria-selected", String(i === selected)));
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim(), ticket = ++asked;
      if (!q) { clear(list); return; }
      try {
        const answer = await api("/api/terms", { q, limit: 8 });
        if (ticket !== asked) return;
        clear(list);
        selected = -1;
        for (const term of answer.terms) {
          const item = document.createElement("li");
          item.setAttribute("role", "option");
          item.dataset.slug = term.slug;
          item.append(bdi(term.title), " ", bdi(term.slug, "span"));
          item.lastChild.className = "slug";
          if (term.matched !== term.title && term.matched !== term.slug) item.append(" (", bdi(term.matched), ")");
          item.addEventListener("mousedown", (event) => { event.preventDefault(); pick(term); });
          list.append(item);
        }
      } catch (error) { clear(list); }
    }, 80);
  });
  input.addEventListener("keydown", (event) => {
    const count = list.children.length;
    if (event.key === "ArrowDown" && count) { selected = (selected + 1) % count; mark(); event.preventDefault(); }
    else if (event.key === "ArrowUp" && count) { selected = (selected - 1 + count) % count; mark(); event.preventDefault(); }
    else if (event.key === "Enter" && count && selected >= 0) { event.preventDefault(); list.children[selected].dispatchEvent(new Event("mousedown")); }
    else if (event.key === "Escape") clear(list);
  });
  input.addEventListener("blur", () => setTimeout(() => clear(list), 150));
  function pick(term) { input.value = term.title; input.dataset.slug = term.slug; clear(list); chosen(term); }
}

// A term's page: its facts, its links out and in with anchor texts and file:line, and a picture.
async function showTerm(slug) {
  hideError();
  let node;
  try { node = await api("/api/node", { term: slug }); } catch (error) { $("term").hidden = true; showError(error); return; }
  $("term").hidden = false;
  $("term-title").textContent = visible(node.title);
  $("term-slug").textContent = visible(node.slug);
  const meta = $("term-meta");
  clear(meta);
  if (node.stub) meta.append("wanted: no article yet");
  if (node.category) meta.append("category: ", bdi(node.category), node.category_inferred ? " (inferred)" : "");
  if (node.path) meta.append(meta.childNodes.length ? " · " : "", "file: ", bdi(node.path));
  $("term-description").textContent = visible(node.description ?? "");
  fillLinks($("links-out"), node.out);
  fillLinks($("links-in"), node.in);
  draw(node);
}

function fillLinks(table, links) {
  const body = table.tBodies[0];
  clear(body);
  for (const link of links) {
    const row = body.insertRow();
    row.insertCell().append(termLink(link.slug, link.title));
    const anchors = row.insertCell();
    link.anchors.forEach((text, i) => { if (i) anchors.append(", "); anchors.append(bdi(text)); });
    const where = row.insertCell();
    link.occurrences.forEach((at, i) => { if (i) where.append(", "); where.append(bdi(at.file + ":" + at.line)); });
  }
  if (!links.length) body.insertRow().insertCell().append("none");
}

/** The term in the middle, the terms it links to and that link to it on a circle around it. */
function draw(node) {
  const svg = $("picture");
  clear(svg);
  const around = new Map();
  for (const link of node.out) around.set(link.slug, { ...link, out: true });
  for (const link of node.in) around.set(link.slug, { ...(around.get(link.slug) ?? link), in: true });
  const others = [...around.values()].slice(0, 24);
  const [cx, cy, r] = [320, 210, 160];
  const place = (i) => [cx + r * Math.cos(2 * Math.PI * i / others.length - Math.PI / 2), cy + r * Math.sin(2 * Math.PI * i / others.length - Math.PI / 2)];
  others.forEach((other, i) => {
    const [x, y] = place(i);
    const line = document.createElementNS(SVG, "line");
    for (const [k, v] of [["x1", cx], ["y1", cy], ["x2", x], ["y2", y]]) line.setAttribute(k, v.toFixed(1));
    svg.append(line);
  });
  const dot = (x, y, title, kind, arrow) => {
    const group = document.createElementNS(SVG, "g");
    group.setAttribute("class", kind);
    const circle = document.createElementNS(SVG, "circle");
    circle.setAttribute("cx", x.toFixed(1)); circle.setAttribute("cy", y.toFixed(1)); circle.setAttribute("r", kind === "centre" ? "9" : "6");
    const label = document.createElementNS(SVG, "text");
    label.setAttribute("x", x.toFixed(1)); label.setAttribute("y", (y + (y < cy ? -11 : 20)).toFixed(1));
    label.setAttribute("text-anchor", "middle");
    label.setAttribute("direction", "auto");
    label.textContent = (arrow ? arrow + " " : "") + visible(title);
    const tip = document.createElementNS(SVG, "title");
    tip.textContent = visible(title);
    group.append(circle, label, tip);
    svg.append(group);
    return group;
  };
  others.forEach((other, i) => {
    const [x, y] = place(i);
    const arrow = other.out && other.in ? "↔" : other.out ? "→" : "←";
    const group = dot(x, y, other.title, other.stub ? "stub" : "other", arrow);
    group.addEventListener("click", () => { location.hash = "term=" + encodeURIComponent(other.slug); });
    group.style.cursor = "pointer";
  });
  dot(cx, cy, node.title, "centre", "");
}

// Paths: between two terms, or from any article of one category to any of another.
async function showPath(parameters) {
  hideError();
  const out = $("path-result");
  clear(out);
  let answer;
  try { answer = await api("/api/path", parameters); } catch (error) { showError(error); return; }
  const caption = document.createElement("p");
  caption.id = "path-caption";
  caption.dir = "auto";
  if (answer.length === null) {
    caption.append("No path from ", bdi(answer.from), " to ", bdi(answer.to), parameters.undirected ? "." : " (try either direction).");
    out.append(caption);
    return;
  }
  caption.append(answer.length + " link" + (answer.length === 1 ? "" : "s") + " from ", bdi(answer.from), " to ", bdi(answer.to), ":");
  out.append(caption);
  const titles = await Promise.all(answer.paths[0].map((slug) => api("/api/node", { term: slug }).then((n) => n.title, () => slug)));
  const list = document.createElement("ol");
  list.id = "path-steps";
  answer.paths[0].forEach((slug, i) => { const item = document.createElement("li"); item.append(termLink(slug, titles[i])); list.append(item); });
  out.append(list);
}

async function showList(kind) {
  hideError();
  const list = $("list");
  clear(list);
  let answer;
  try { answer = await api("/api/orphans", { kind }); } catch (error) { showError(error); return; }
  $("list-caption").dir = "auto";
  $("list-caption").textContent = answer.terms.length + " " + kind + " term" + (answer.terms.length === 1 ? "" : "s");
  for (const term of answer.terms) {
    const item = document.createElement("li");
    item.append(termLink(term.slug, term.title));
    if (term.linked_by !== undefined) item.append(" — linked by " + term.linked_by);
    list.append(item);
  }
}

let stats = null, categoryOrder = [];
async function loadStats() {
  stats = await api("/api/stats");
  const names = categoryOrder.filter((name) => name in stats.categories);
  for (const select of [$("category-from"), $("category-to")]) {
    clear(select);
    for (const name of names) { const option = document.createElement("option"); option.value = name; option.textContent = visible(name); select.append(option); }
  }
  if (names.length > 1) $("category-to").selectedIndex = names.length - 1;
  if (!names.length) { $("matrix").hidden = true; }
  const table = $("matrix");
  clear(table.tHead); clear(table.tBodies[0]);
  const head = table.tHead.insertRow();
  head.append(Object.assign(document.createElement("th"), { textContent: "from \\ to" }));
  for (const name of names) { const th = document.createElement("th"); th.append(bdi(name)); head.append(th); }
  for (const row of names) {
    const tr = table.tBodies[0].insertRow();
    const th = document.createElement("th"); th.append(bdi(row)); tr.append(th);
    for (const column of names) tr.insertCell().textContent = String(stats.category_matrix[row]?.[column] ?? 0);
  }
  $("counts").textContent = `${stats.articles} articles, ${stats.edges} links between them, ${stats.stubs} wanted, ${stats.orphans} orphans`;
}

function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  const view = hash.startsWith("term=") ? "search" : (["search", "path", "lists", "matrix"].includes(hash) ? hash : "search");
  for (const name of ["search", "path", "lists", "matrix"]) {
    $("view-" + name).hidden = name !== view;
    $("nav-" + name).classList.toggle("current", name === view);
  }
  if (hash.startsWith("term=")) showTerm(hash.slice(5));
}

async function start() {
  try {
    const corpus = await api("/api/corpus");
    if (corpus.title) { $("corpus-title").textContent = visible(corpus.title); document.title = visible(corpus.title) + " — termgraph"; }
    if (corpus.language) document.documentElement.lang = corpus.language;
    document.documentElement.dir = corpus.direction;
    categoryOrder = corpus.categories;
  } catch (error) { document.documentElement.dir = "auto"; }
  suggest($("search"), $("suggestions"), (term) => { location.hash = "term=" + encodeURIComponent(term.slug); });
  for (const id of ["path-from", "path-to"]) suggest($(id), $(id).nextElementSibling, () => {});
  $("search").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !$("suggestions").querySelector('[aria-selected="true"]') && $("search").value.trim()) {
      location.hash = "term=" + encodeURIComponent($("search").value.trim());
    }
  });
  for (const id of ["path-from", "path-to"]) $(id).addEventListener("input", () => { delete $(id).dataset.slug; });
  $("path-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const from = $("path-from").dataset.slug ?? $("path-from").value.trim(), to = $("path-to").dataset.slug ?? $("path-to").value.trim();
    const parameters = { from, to };
    if ($("path-undirected").checked) parameters.undirected = "1";
    showPath(parameters);
  });
  $("category-form").addEventListener("submit", (event) => {
    event.preventDefault();
    showPath({ from_category: $("category-from").value, to_category: $("category-to").value });
  });
  for (const button of $("list-kinds").querySelectorAll("button")) button.addEventListener("click", () => showList(button.dataset.kind));
  window.addEventListener("hashchange", route);
  route();
  loadStats().catch(showError);
}

start();
