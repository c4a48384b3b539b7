// Details on demand: a briefing page keeps its statements, figures, evidence and sources in
// closed <details>. Following a link to something inside one (a source [3], a statement)
// opens it first, as Chromium does by itself; printing opens them all, since paper has no
// click.
const openAround = (element) => {
  for (let node = element; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
};

const targetOf = (hash) => {
  const id = decodeURIComponent(hash.slice(1));
  return id ? document.getElementById(id) : null;
};

// Before the browser scrolls to the link's target, so that it scrolls to where it shows.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest('a[href*="#"]');
  if (link && link.pathname === location.pathname) {
    const target = targetOf(link.hash);
    if (target) openAround(target);
  }
});

// Arriving from another page: the browser has scrolled to a target it could not show.
const arrived = targetOf(location.hash);
if (arrived && arrived.closest("details:not([open])")) {
  openAround(arrived);
  arrived.scrollIntoView();
}

let opened = [];
addEventListener("beforeprint", () => {
  opened = [...document.querySelectorAll("details:not([open])")];
  for (const details of opened) details.open = true;
});
addEventListener("afterprint", () => {
  for (const details of opened) details.open = false;
  opened = [];
});
