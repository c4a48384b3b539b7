// Site search with Pagefind, shown in Material's search dialog (theme/partials/pagefind.html).
//
// Each script written on the site has its own Pagefind bundle, which stems words as its
// language: site/pagefind/ for the site's language (and others in its script),
// site/pagefind-<lang>/ for each language in another script, each with the passages in its
// language found on other pages merged in (generator/search.py, which lists them in
// pagefind/languages.json). A query goes to the site's bundle and to those of the scripts it
// is written in, and the results are listed together by score: of each bundle, only those of
// the parts (its pages, its passages) whose vocabulary has every word of the query, since
// Pagefind answers a word on no page with the pages of a shorter word that the query begins
// with ("Сардаризаде" found the pages with its first letter). Pagefind, the bundles and the
// box's words (search/words.json, from the package's catalogues) are loaded only when a reader
// first opens the search, a bundle in another script when a query is first written in it, so
// pages load nothing extra until then.

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

  const json = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  };

  // Result URLs are relative to the site's root, wherever the site is served from.
  const baseUrl = new URL("..", bundle).pathname;
  const engines = new Map();

  // One Pagefind per bundle, imported from the bundle: each module URL is its own instance,
  // with its own worker and its language's stemmer, which also stems the queries sent to the
  // passages merged into it. (Instances made by one module's createInstance share its worker,
  // and so the first bundle's stemmer.)
  // Each part's results carry its name (`part`), and its vocabulary, a bundle of one page of
  // its own, is filtered as `<part>-words`.
  const engine = ({ pages, shards = [], passages, vocabulary }) => {
    if (!engines.has(pages)) {
      engines.set(
        pages,
        (async () => {
          const pagefind = await import(new URL(`../${pages}/pagefind.js`, bundle).href);
          await pagefind.options({ baseUrl, mergeFilter: { part: "pages" } });
          await pagefind.init();
          const merge = (name, options) => {
            const url = new URL(`../${name}/`, bundle).href;
            return pagefind.mergeIndex(url, { language: "und", baseUrl, ...options });
          };
          for (const name of shards) await merge(name, { mergeFilter: { part: "pages" } });
          if (passages) await merge(passages, { mergeFilter: { part: "passages" } });
          for (const name of vocabulary) await merge(name, {});
          return pagefind;
        })(),
      );
    }
    return engines.get(pages);
  };

  const load = () => {
    loading ??= (async () => {
      const [bundles, catalogue] = await Promise.all([
        json(new URL("languages.json", bundle)),
        json(new URL("../search/words.json", bundle)),
      ]);
      const language = document.documentElement.lang;
      words = catalogue[language] ?? catalogue[language.split("-")[0]] ?? catalogue.en;
      plural = new Intl.PluralRules(language);
      for (const each of bundles) {
        each.written = new RegExp(each.scripts.map((s) => `\\p{Script=${s}}`).join("|"), "u");
      }
      await engine(bundles[0]);
      return bundles;
    })();
    return loading;
  };

  // The site's bundle, and those of the other scripts the query is written in.
  const searched = (bundles, query) =>
    bundles.filter((each, i) => i === 0 || each.written.test(query));

  // A bundle's results for the query: those of the parts whose vocabulary page the query
  // finds, which it does only when each of its words begins a word of that part. (A
  // vocabulary page and a placeholder page are no part, and so never a result.)
  const matching = async (each, query) => {
    const pagefind = await engine(each);
    const only = (parts) => ({ filters: { part: { any: parts } } });
    const found = await pagefind.search(query, only(each.parts));
    const words = found.totalFilters.part ?? {};
    const parts = each.parts.filter((part) => words[`${part}-words`] > 0);
    if (parts.length === each.parts.length) return found.results;
    if (parts.length === 0) return [];
    return (await pagefind.search(query, only(parts))).results;
  };

  // "3 matching pages" in the page's language: its plural form and digits.
  let words = null;
  let plural = null;
  const count = (forms, n) => {
    const digits = String(n).replace(/[0-9]/g, (digit) => words.digits[digit]);
    return (forms[plural.select(n)] ?? forms.other).replace("{n}", digits);
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

  // A page whose text is in several languages is found in each language's index: it is listed
  // once, where it ranks first.
  const unique = (pages, shown) =>
    pages.filter((data) => !shown.has(data.url) && shown.add(data.url));

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
    article.append(title);
    // A briefing's verdict on its key claim, in its page's words, as the page shows it.
    if (data.meta.verdict) {
      const verdict = document.createElement("p");
      const state = /^[a-z-]+$/.test(data.meta.state || "") ? data.meta.state : "";
      verdict.className = `briefing-search__verdict briefing-state briefing-state--${state}`;
      verdict.textContent = data.meta.verdict;
      article.append(verdict);
    }
    article.append(excerpt(data.excerpt));
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
    const bundles = await load();
    const found = await Promise.all(searched(bundles, query).map((each) => matching(each, query)));
    if (ticket !== latest) return; // a newer query has started
    const results = found.flat().sort((a, b) => b.score - a.score);
    const pages = await Promise.all(results.slice(0, limit).map((r) => r.data()));
    if (ticket !== latest) return;
    const shown = new Set();
    const first = unique(pages, shown);
    const total = results.length - (pages.length - first.length);
    meta.textContent = total === 0 ? words.none : count(words.results, total);
    list.replaceChildren(...first.map(item));
    more(results.slice(limit), ticket, shown);
    meta.dataset.query = query; // which query the list shows, for assistive tools and tests
  };

  // A button after the list for the next results, fetched only when asked for.
  const more = (rest, ticket, shown) => {
    if (rest.length === 0) return;
    const li = document.createElement("li");
    li.className = "md-search-result__item briefing-search__more md-typeset";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = count(words.more, Math.min(limit, rest.length));
    button.addEventListener("click", async () => {
      const pages = await Promise.all(rest.slice(0, limit).map((r) => r.data()));
      if (ticket !== latest) return;
      li.replaceWith(...unique(pages, shown).map(item));
      more(rest.slice(limit), ticket, shown);
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
  // A search box in a page (that of an address with no page, theme/404.html) searches with
  // this one: its query opens these results.
  for (const form of document.querySelectorAll("form[data-briefing-search]")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      input.value = form.elements.query.value;
      toggle.checked = true;
      input.focus();
      search();
    });
  }
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
