// Mark the articles listed on this page that are newer than the reader's previous visit, and
// on the home page say how many. Kept in this browser's localStorage only; without this
// script, or on a first visit, the lists stay as they are.
// A visit ends after 30 minutes without a page that loads this script: a reload or another
// page within the visit keeps the same "previous visit", so the marks stay until it ends.
const GAP = 30 * 60 * 1000;
const script = document.currentScript;
// Per site, not per origin: several dossiers can share one host under different paths.
const key = "dossier-visits:" + new URL("../", script.src).pathname;
const now = Date.now();
let visits = null;
try {
  visits = JSON.parse(localStorage.getItem(key));
} catch {
  // Storage blocked or the value unreadable: this load counts as a first visit.
}
if (!visits || typeof visits.last !== "number") visits = { previous: null, last: now };
else if (now - visits.last > GAP) visits = { previous: visits.last, last: now };
else visits.last = now;
try {
  localStorage.setItem(key, JSON.stringify(visits));
} catch {
  // Nothing kept: every load is a first visit, so nothing is marked.
}

if (visits.previous !== null) {
  let count = 0;
  for (const time of document.querySelectorAll(".card .byline time[datetime]")) {
    if (Date.parse(time.dateTime) <= visits.previous) continue;
    const mark = document.createElement("span");
    mark.className = "new-mark";
    mark.textContent = script.dataset.mark;  // words, not colour only: read aloud too
    time.before(mark, " ");
    time.closest(".card").classList.add("is-new");
    count += 1;
  }
  const heading = document.getElementById("latest");
  if (heading && count && script.dataset.since) {
    const line = document.createElement("p");
    line.className = "new-since";
    const since = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "long", timeStyle: "short" })
      .format(visits.previous);
    line.textContent = script.dataset.since.replace("{count}", count).replace("{date}", since);
    heading.after(line);
  }
}
