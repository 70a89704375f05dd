// Show a small card about an actor when a name linked in an article's text is hovered or
// focused: name, role, country and the latest article, from the actor's card.json.
// Without this script the name is a plain link to the actor's page.
const cards = new Map();
const card = document.createElement("span");
card.className = "mention-card";
card.id = "mention-card";
card.hidden = true;
let current = null;
let hideTimer = 0;
let dismissed = null;  // the link Escape returned focus to: its card stays closed

function load(link) {
  const address = new URL("card.json", link.href).href;
  if (!cards.has(address)) {
    cards.set(address, fetch(address).then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  return cards.get(address);
}

function line(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;  // text, never markup: names come from ingested stories
  return element;
}

async function show(link) {
  clearTimeout(hideTimer);
  current = link;
  const data = await load(link);
  if (current !== link || !data) return;
  card.replaceChildren(line("strong", data.name));
  const about = [data.role, data.country].filter(Boolean).join(", ");
  if (about) card.append(line("span", about));
  if (data.latest) {
    const latest = line("a", data.latest.title);
    latest.href = data.latest.url;
    card.append(latest);
  }
  link.after(card);  // next in tab order, so the latest article's link is reachable
  // Just under the name's last line; the paragraph is the card's positioned ancestor.
  card.style.top = `${link.offsetTop + link.offsetHeight + 4}px`;
  link.setAttribute("aria-describedby", card.id);
  card.hidden = false;
}

function hide() {
  if (current) current.removeAttribute("aria-describedby");
  current = null;
  card.hidden = true;
}

function hideSoon() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(hide, 200);
}

for (const link of document.querySelectorAll(".story-body a.mention")) {
  link.addEventListener("mouseenter", () => show(link));
  link.addEventListener("focus", () => (dismissed === link ? (dismissed = null) : show(link)));
  link.addEventListener("mouseleave", hideSoon);
}
card.addEventListener("mouseenter", () => clearTimeout(hideTimer));
card.addEventListener("mouseleave", hideSoon);
document.addEventListener("focusin", (event) => {
  if (current && event.target !== current && !card.contains(event.target)) hide();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && current) {
    const link = current;
    hide();
    if (document.activeElement !== link) {
      dismissed = link;
      link.focus();
    }
  }
});
