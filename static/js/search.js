// The dossier's search page: a small interface over Pagefind's JavaScript API.
// Nothing loads until a reader searches; the query, sort and facets live in the URL
// (/search/?q=...&actor=...) so a search can be linked, bookmarked and restored.
// A facet's values are fetched only when the reader opens it: on a large dossier the
// facet data outweighs everything else a first query needs.

const FACETS = ["actor", "topic", "source", "place", "year", "month"];
const CHRONOLOGICAL = new Set(["year", "month"]);
const PAGE_SIZE = 10;
const FACET_PREVIEW = 8;
const TYPING_DELAY = 200;
// Searched fields besides the text (layouts/search_terms.html): a profile's own names
// weigh like its heading, so it ranks first for any of them; the names an article only
// mentions weigh little, so a story whose text says the name ranks above one that lists it.
const META_WEIGHTS = { names: 7, mentions: 0.1 };

const root = document.getElementById("search");
const labels = JSON.parse(document.getElementById("search-labels").textContent);
const form = root.querySelector("form");
const input = form.elements.q;
const sortSelect = form.elements.sort;
const status = document.getElementById("search-status");
const facetsBox = document.getElementById("search-facets");
const list = document.getElementById("search-results");
const moreButton = document.getElementById("search-more");

let pagefindPromise = null;
let shards = []; // the index's shards (name, pages, dated), newest first
let latest = 0; // number of the newest search: an older one finishing later is dropped
let current = { q: "", sort: "", filters: {} }; // the search shown on screen
let lastCounts = null; // facet counts of that search
let results = [];
let shown = 0;
const opened = new Set(); // facets whose counts each search asks for: those the reader opened
const expanded = new Set(); // facets whose every value the reader asked to see

// The index is cut in shards (dossier/search.py), each its own Pagefind bundle, listed
// newest first in shards.json. The first is imported and the others merged into it: one
// search runs over all, on one copy of Pagefind's WebAssembly. Each shard's pages carry
// a filter "shard" with its name, so a search can be kept to one shard.
function loadPagefind() {
  // The worker is skipped: searching a few thousand pages on the main thread is quick,
  // and it saves a 40 KB fetch.
  pagefindPromise ??= (async () => {
    const response = await fetch(root.dataset.bundle + "shards.json");
    if (!response.ok) throw new Error(`shards.json: HTTP ${response.status}`);
    const { shards: list } = await response.json();
    if (!list.length) throw new Error("shards.json lists no shard");
    const options = (shard) => ({
      baseUrl: root.dataset.base, ranking: { metaWeights: META_WEIGHTS, pageLength: 0 }, mergeFilter: { shard: shard.name },
    });
    const pagefind = await import(root.dataset.bundle + list[0].name + "/pagefind.js");
    await pagefind.options({ ...options(list[0]), noWorker: true });
    await pagefind.init();
    await Promise.all(list.slice(1).map((shard) => pagefind.mergeIndex(root.dataset.bundle + shard.name + "/", options(shard))));
    shards = list;
    return pagefind;
  })();
  return pagefindPromise;
}

// One search over every shard: Pagefind's own merge sums the facet counts, and the
// filter "shard" tells how many results each shard holds. Each shard then scores its own
// results (BM25), weighing a word by how rare it is in that shard: a word common in the
// rest of the dossier would make a story in the small open shard rank low. So a page's
// score is summed again word by word: each word's score in its shard times the ratio of
// the word's weight over the whole dossier to its weight in that shard. Page length does
// not weigh (ranking.pageLength 0), since each shard would measure it against its own
// average; with it off, a whole word scores as it would in one index.
async function searchShards(pagefind, query, filters) {
  const all = await pagefind.search(query, { filters: { ...filters, shard: [] } });
  const counts = all.filters.shard || {};
  const held = shards.filter((shard) => counts[shard.name] > 0);
  if (!query || query.includes('"') || held.length < 2) return { ...all, results: ranked(all.results) };
  const terms = [...new Set(query.split(/\s+/).filter(Boolean))];
  const [perTerm, perShard] = await Promise.all([
    Promise.all(terms.map((term) => pagefind.search(term, { filters: { shard: [] } }))),
    Promise.all(held.map((shard) => pagefind.search(query, { filters: { ...filters, shard: [shard.name] } }))),
  ]);
  const pages = shards.reduce((sum, shard) => sum + shard.pages, 0);
  const rescaled = held.flatMap((shard, i) => {
    const weights = perTerm.map((term) => {
      const found = term.filters.shard || {};
      const whole = Object.values(found).reduce((sum, count) => sum + count, 0);
      const own = inverseFrequency(shard.pages, found[shard.name] || 0);
      return own > 0 ? inverseFrequency(pages, whole) / own : 1;
    });
    return perShard[i].results.map((result) => {
      let score = 0;
      perTerm.forEach((term, t) => { score += (scoreOf(term, result.id) ?? 0) * weights[t]; });
      return { ...result, score: score || result.score };
    });
  });
  return { ...all, results: ranked(rescaled) };
}

// Each term's score of every page that holds it, looked up by page.
const termScores = new WeakMap();
function scoreOf(search, id) {
  if (!termScores.has(search)) termScores.set(search, new Map(search.results.map((result) => [result.id, result.score])));
  return termScores.get(search).get(id);
}

// Best first; scores equal to float precision go by page id, so that one index and its
// shards, which meet tied pages in different orders, list them alike.
function ranked(list) {
  const tied = (a, b) => Math.abs(a - b) <= 1e-5 * Math.max(Math.abs(a), Math.abs(b));
  return list.sort((a, b) => (tied(a.score, b.score) ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : b.score - a.score));
}

// Pagefind's: ln((N - n + 0.5) / (n + 0.5) + 1), N pages of which n hold the word.
function inverseFrequency(pages, holding) {
  return Math.log((pages - holding + 0.5) / (holding + 0.5) + 1);
}

// Each shard lists its dated pages newest first (by-date.json, written by the search
// stage): fetched when a reader first sorts by date, so a query by relevance never pays
// for it. The shards of dated pages are spans of time listed newest first, so the
// newest-first order of them all is each shard's own order, one shard after the other.
// Pages without a date (profiles) are left out. (A site with no dated page keeps the
// order of relevance.)
const dateOrders = new Map(); // shard name -> promise of Map(page id -> rank)
function dateOrder(shard) {
  if (!dateOrders.has(shard.name)) {
    dateOrders.set(shard.name, (async () => {
      // Revalidated: its name stays from build to build, unlike the files of Pagefind it points into.
      const response = await fetch(root.dataset.bundle + shard.name + "/by-date.json", { cache: "no-cache" });
      if (!response.ok) throw new Error(`${shard.name}/by-date.json: HTTP ${response.status}`);
      const ids = await response.json();
      return new Map(ids.map((id, rank) => [id, rank]));
    })().catch((error) => {
      dateOrders.delete(shard.name); // let the next search try again
      throw error;
    }));
  }
  return dateOrders.get(shard.name);
}

async function sortedByDate(pagefind, query, filters, search) {
  const counts = search.filters.shard || {};
  const held = shards.filter((shard) => shard.dated && counts[shard.name] > 0);
  if (!shards.some((shard) => shard.dated)) return search.results; // nothing to sort by: as one index
  const parts = await Promise.all(held.map(async (shard) => {
    const [order, part] = await Promise.all([
      dateOrder(shard), pagefind.search(query, { filters: { ...filters, shard: [shard.name] } })]);
    const dated = part.results.filter((result) => order.has(result.id));
    return dated.sort((a, b) => order.get(a.id) - order.get(b.id));
  }));
  return parts.flat();
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

function readURL() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const facet of FACETS) {
    const values = params.getAll(facet).filter(Boolean);
    if (values.length) filters[facet] = values;
  }
  return { q: (params.get("q") || "").trim(), sort: params.get("sort") === "date" ? "date" : "", filters };
}

// A closed facet keeps what was chosen in it: its checkboxes are simply not on screen.
function readForm() {
  const filters = {};
  for (const facet of FACETS) {
    const group = groups.get(facet);
    const values = group.open && group.querySelector("ul")
      ? Array.from(group.querySelectorAll("input:checked"), (box) => box.value)
      : current.filters[facet] || [];
    if (values.length) filters[facet] = values;
  }
  return { q: input.value.trim(), sort: sortSelect.value, filters };
}

function writeURL(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort) params.set("sort", state.sort);
  for (const facet of FACETS) for (const value of state.filters[facet] || []) params.append(facet, value);
  const query = params.toString();
  history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
}

// An open facet with nothing chosen asks Pagefind for its counts without narrowing.
function pagefindFilters(state) {
  const filters = {};
  for (const facet of FACETS) {
    if (state.filters[facet]) filters[facet] = state.filters[facet];
    else if (opened.has(facet)) filters[facet] = [];
  }
  return filters;
}

async function run(state) {
  const number = ++latest;
  writeURL(state);
  list.setAttribute("aria-busy", "true");
  if (!state.q && !Object.keys(state.filters).length) {
    show(number, state, null);
    return;
  }
  let search;
  try {
    const pagefind = await loadPagefind();
    const filters = pagefindFilters(state);
    if (state.sort) {
      search = await pagefind.search(state.q || null, { filters: { ...filters, shard: [] } });
      search = { ...search, results: await sortedByDate(pagefind, state.q || null, filters, search) };
    } else {
      search = await searchShards(pagefind, state.q || null, filters);
    }
  } catch (error) {
    pagefindPromise = null; // let the next search try again
    if (number === latest) {
      status.textContent = labels.unavailable;
      list.removeAttribute("aria-busy");
    }
    console.warn("search unavailable:", error);
    return;
  }
  show(number, state, search);
}

function show(number, state, search) {
  if (number !== latest) return;
  current = state;
  lastCounts = search ? search.filters : null;
  results = search ? search.results : [];
  shown = 0;
  list.replaceChildren();
  renderFacets(state.filters, search ? search.filters : null);
  if (!search) {
    status.textContent = "";
    moreButton.hidden = true;
    list.removeAttribute("aria-busy");
    return;
  }
  const template = !state.q ? labels.listed : results.length ? labels.found : labels.none;
  status.textContent = format(template, { count: results.length, query: state.q });
  showMore(number);
}

async function showMore(number, focusFirst = false) {
  const batch = results.slice(shown, shown + PAGE_SIZE);
  shown += batch.length;
  moreButton.hidden = shown >= results.length;
  // Fragments are fetched only for the results on screen, in parallel.
  const items = await Promise.all(batch.map((result) => result.data()));
  if (number !== latest) return;
  const nodes = items.map(resultItem);
  list.append(...nodes);
  list.removeAttribute("aria-busy");
  if (focusFirst && nodes.length) nodes[0].querySelector("a").focus();
}

function resultItem(data) {
  const item = document.createElement("li");
  const card = element("article", "card search-result");
  const heading = element("h2", "card-title");
  const link = element("a", "", data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  const facts = [longDate(data.meta.date), data.meta.place, data.meta.source, data.meta.section, data.meta.role]
    .filter(Boolean);
  const byline = element("p", "byline", facts.join(" · "));
  const excerpt = element("p", "search-excerpt");
  excerpt.append(...highlighted(data.excerpt));
  card.append(heading, byline, excerpt);
  item.append(card);
  return item;
}

// An article's date is indexed as 2026-01-06, not as words: Pagefind matches a query
// against the stems of every metadata field in a shard that lacks the query's word, and
// "мая" (May) would match "Макрон". Written here as the article page writes it (6 января 2026).
function longDate(iso) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso || "")) return iso;
  const format = new Intl.DateTimeFormat(document.documentElement.lang, {
    day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
  const parts = Object.fromEntries(format.formatToParts(new Date(iso + "T00:00:00Z")).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.year}`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Pagefind's excerpt is text with <mark> around matches; rebuild it from text nodes and
// marks only, so nothing else in an indexed page can reach this page as markup.
function highlighted(excerpt) {
  const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, "text/html").body;
  return Array.from(parsed.childNodes, (node) =>
    node.nodeName === "MARK" ? element("mark", "", node.textContent) : document.createTextNode(node.textContent),
  );
}

// The facet groups are made once and only their values are redrawn: a click on a
// facet's title lands whatever search finishes meanwhile, and the browser's own open
// state stays the truth (a redraw between a click and its 'toggle' event lost it).
const groups = new Map(FACETS.map((facet) => {
  const group = element("details", "search-facet");
  group.dataset.facet = facet;
  group.append(element("summary", "", labels.facets[facet]), element("div", "search-facet-body"));
  return [facet, group];
}));
facetsBox.append(element("h2", "search-facets-title", labels.narrow), ...groups.values());

function renderFacets(selected, counts) {
  if (counts === null) {
    facetsBox.hidden = true;
    return;
  }
  const focus = focusedFacetControl();
  for (const [facet, group] of groups) fillGroup(group, facet, selected[facet] || [], counts[facet]);
  facetsBox.hidden = false;
  if (focus && !focus.element.isConnected) restoreFocus(focus);
}

function fillGroup(group, facet, selected, counts) {
  const summary = group.querySelector("summary");
  summary.replaceChildren(labels.facets[facet]);
  if (selected.length) summary.append(" ", element("span", "count", String(selected.length)));
  const body = group.querySelector(".search-facet-body");
  body.replaceChildren(...(group.open ? facetValues(facet, selected, counts) : []));
}

function facetValues(facet, selected, counts) {
  if (!counts) return [element("p", "search-facet-loading muted", "…")];
  const values = Object.entries(counts).filter(([value, count]) => count > 0 || selected.includes(value));
  for (const value of selected) if (!(value in counts)) values.push([value, 0]);
  values.sort(CHRONOLOGICAL.has(facet)
    ? (a, b) => b[0].localeCompare(a[0])
    : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0], document.documentElement.lang));
  const all = expanded.has(facet) || values.length <= FACET_PREVIEW;
  const visible = all ? values : values.filter(([value], i) => i < FACET_PREVIEW || selected.includes(value));
  const options = element("ul", "search-facet-values");
  for (const [value, count] of visible) options.append(facetOption(facet, value, count, selected.includes(value)));
  if (all) return [options];
  const more = element("button", "search-facet-more", format(labels.show_all, { count: values.length }));
  more.type = "button";
  more.addEventListener("click", () => {
    expanded.add(facet);
    renderFacets(current.filters, lastCounts);
  });
  return [options, more];
}

function facetOption(facet, value, count, checked) {
  const item = document.createElement("li");
  const label = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.name = facet;
  box.value = value;
  box.checked = checked;
  const name = facet === "month" ? labels.months[value] || value : value;
  label.append(box, " ", element("span", "search-facet-name", name), " ", element("span", "count", String(count)));
  item.append(label);
  return item;
}

// A facet's values are redrawn after every search; keep a keyboard reader where they were.
function focusedFacetControl() {
  const active = document.activeElement;
  const group = active?.closest?.(".search-facet");
  if (!group) return null;
  return { element: active, facet: group.dataset.facet, tag: active.tagName, value: active.value };
}

function restoreFocus({ facet, tag, value }) {
  const group = groups.get(facet);
  const box = tag === "INPUT" && group.querySelector(`input[value="${CSS.escape(value)}"]`);
  const target = box || (tag === "BUTTON" && group.querySelectorAll("input")[FACET_PREVIEW]) || group.querySelector("summary");
  target.focus();
}

// A facet chosen in the URL opens with the page.
function restore() {
  const state = readURL();
  for (const facet of Object.keys(state.filters)) {
    opened.add(facet);
    groups.get(facet).open = true;
  }
  input.value = state.q;
  sortSelect.value = state.sort;
  const header = document.getElementById("site-search");
  if (header) header.value = state.q;
  return state;
}

let typing = 0;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => run(readForm()), TYPING_DELAY);
});
input.addEventListener("focus", loadPagefind, { once: true });
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  run(readForm());
});
sortSelect.addEventListener("change", () => run(readForm()));
facetsBox.addEventListener("change", () => run(readForm()));
// 'toggle' does not bubble: listen in the capture phase.
facetsBox.addEventListener("toggle", (event) => {
  const facet = event.target.dataset.facet;
  if (!facet || event.target.open === opened.has(facet)) return;
  if (event.target.open) opened.add(facet);
  else opened.delete(facet);
  if (event.target.open) run(readForm());
}, true);
moreButton.addEventListener("click", () => showMore(latest, true));

root.classList.add("is-ready");
run(restore());
