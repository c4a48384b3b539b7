// Site search with Pagefind, shown in Material's search dialog (theme/partials/pagefind.html).
//
// Pagefind's index lives in site/pagefind/; its script is imported only when a reader first
// opens the search, so pages load nothing extra until then.

const dialog = document.querySelector(".briefing-search");
const toggle = document.getElementById("__search");

if (dialog && toggle) {
  const form = dialog.querySelector("form");
  const input = dialog.querySelector("input[name=query]");
  const meta = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const bundle = new URL(dialog.dataset.pagefindBundle, document.baseURI);
  const placeholder = meta.textContent;
  // Results shown at first and added by "Show more": each one costs its page's fragment.
  const limit = 10;
  let loading = null;
  let latest = 0;
  let pending = null;

  const load = () => {
    loading ??= (async () => {
      const pagefind = await import(new URL("pagefind.js", bundle).href);
      // Result URLs are relative to the site's root, wherever the site is served from.
      await pagefind.options({ baseUrl: new URL("..", bundle).pathname });
      await pagefind.init();
      return pagefind;
    })();
    return loading;
  };

  // Pagefind's excerpts mark the matched words; keep those marks and nothing else.
  const excerpt = (html) => {
    const paragraph = document.createElement("p");
    const parsed = new DOMParser().parseFromString(html, "text/html");
    for (const node of parsed.body.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.append(mark);
      } else {
        paragraph.append(node.textContent);
      }
    }
    return paragraph;
  };

  const item = (data) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = data.meta.title;
    article.append(title, excerpt(data.excerpt));
    link.append(article);
    li.append(link);
    return li;
  };

  const search = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      meta.textContent = placeholder;
      list.replaceChildren();
      delete meta.dataset.query;
      return;
    }
    const engine = await load();
    const found = await engine.search(query);
    if (ticket !== latest) return; // a newer query has started
    const pages = await Promise.all(found.results.slice(0, limit).map((r) => r.data()));
    if (ticket !== latest) return;
    const count = found.results.length;
    meta.textContent =
      count === 0 ? "No matching briefings" : count === 1 ? "1 matching page" : `${count} matching pages`;
    list.replaceChildren(...pages.map(item));
    more(found.results.slice(limit), ticket);
    meta.dataset.query = query; // which query the list shows, for assistive tools and tests
  };

  // A button after the list for the next results, fetched only when asked for.
  const more = (rest, ticket) => {
    if (rest.length === 0) return;
    const li = document.createElement("li");
    li.className = "md-search-result__item briefing-search__more md-typeset";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = `Show ${Math.min(limit, rest.length)} more`;
    button.addEventListener("click", async () => {
      const pages = await Promise.all(rest.slice(0, limit).map((r) => r.data()));
      if (ticket !== latest) return;
      li.replaceWith(...pages.map(item));
      more(rest.slice(limit), ticket);
    });
    li.append(button);
    list.append(li);
  };

  // Wait for a pause in typing before searching.
  input.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(search, 120);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector("a")?.click();
  });
  form.addEventListener("reset", () => setTimeout(search));
  // On wide screens the search box sits in the header: focusing it opens the results.
  input.addEventListener("focus", () => {
    toggle.checked = true;
    load();
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      input.focus();
      load();
    }
  });
  dialog.addEventListener("click", (event) => {
    if (event.target.closest("a")) toggle.checked = false;
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
      load();
    }
  });
}
