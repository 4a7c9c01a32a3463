// run.mjs BASE_URL [SCREENSHOT_DIR] - the browser tests of Khabar's web
// page (docs/WEB.md), in Debian's Chromium through playwright-core.
//
// Expects the index tests/e2e/t130-browser.sh builds: corpus/ plus a
// hostile article (evil-1), a Persian one (fa-1) and two near-duplicates
// (wire-a, wire-b).  Prints one line per test, "ok - NAME" or
// "not ok - NAME" followed by "# " lines saying why; exits 1 when any
// failed.  Facets and entities, which /search may not send yet, are added
// to the real answers with page.route() in the exact shape of docs/WEB.md.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BASE = process.argv[2];
const SHOTS = process.argv[3] || null;
if (!BASE) {
  console.error("usage: node run.mjs BASE_URL [SCREENSHOT_DIR]");
  process.exit(2);
}
const origin = new URL(BASE).origin;

const profile = mkdtempSync(join(tmpdir(), "khabar-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
});

let failed = 0;
function assert(cond, message) {
  if (!cond) throw new Error(message);
}
function eq(actual, expected, message) {
  if (actual !== expected)
    throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// A fresh page watching for what must never happen: a dialog, a page
// error, a CSP violation, a request to another origin.
async function newPage(viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.problems = [];
  page.on("dialog", async (d) => { page.problems.push(`a dialog opened: ${d.message()}`); await d.dismiss(); });
  page.on("pageerror", (e) => page.problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource: the server responded with a status of (400|404)/.test(m.text()))
      page.problems.push(`console error: ${m.text()}`);
  });
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin + "/") && !u.startsWith("data:") && !u.startsWith("blob:"))
      page.problems.push(`request to another origin: ${u}`);
  });
  return page;
}

async function test(name, fn) {
  let page;
  try {
    page = await newPage();
    await fn(page);
    assert(page.problems.length === 0, page.problems.join("; "));
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}`);
    for (const line of String(e && e.stack || e).split("\n").slice(0, 6)) console.log(`#   ${line}`);
  } finally {
    if (page) await page.close().catch(() => {});
  }
}

async function shot(page, name) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

// Makes /search answers carry facets and hit entities (and /article ones
// carry entities), in the shape the facets issue specifies.
async function mockFacets(page) {
  await page.route(/\/search\?/, async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    if (res.status() === 200) {
      for (const h of body.hits) h.entities = { person: ["Sergey Lavrov"], place: ["Doha"], country: ["Qatar"], org: [] };
      body.facets = {
        person: [{ value: "Sergey Lavrov", count: 3, filter: "person:\"sergey lavrov\"" },
                 { value: "Zalmay Khalilzad", count: 2, filter: "person:\"zalmay khalilzad\"" }],
        place: [{ value: "Doha", count: 5, filter: "place:\"doha\"" }],
        country: [{ value: "Qatar", count: 4, filter: "country:\"qatar\"" }],
        org: [{ value: "<img src=x onerror=\"window.__pwned=9\">", count: 1, filter: "org:\"x\"" }],
        source: [{ value: "news.example.org", count: 4, filter: "source:\"news.example.org\"" }],
        date: { interval: "month", undated: 1, buckets: [
          { key: "2021-01", from: "2021-01-01", to: "2021-01-31", count: 2 },
          { key: "2021-02", from: "2021-02-01", to: "2021-02-28", count: 12 },
          { key: "2021-03", from: "2021-03-01", to: "2021-03-31", count: 5 }] },
      };
    }
    await route.fulfill({ response: res, json: body });
  });
  await page.route(/\/article\//, async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    if (res.status() === 200)
      body.article.entities = { person: ["Sergey Lavrov"], place: ["Doha"], country: ["Qatar"], org: ["United Nations"] };
    await route.fulfill({ response: res, json: body });
  });
}

// Makes /search answers look as they did before facets and entities.
async function stripFacets(page) {
  await page.route(/\/search\?/, async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    delete body.facets;
    for (const h of body.hits || []) delete h.entities;
    await route.fulfill({ response: res, json: body });
  });
}

async function search(page, q) {
  await page.goto(BASE + "/");
  await page.fill("#q", q);
  await page.press("#q", "Enter");
  await page.waitForSelector("#results li, #status.error");
}

const qs = (page) => new URL(page.url()).searchParams;

// ---- 1. the page, offline, from compiled-in files ------------------------
await test("GET / serves the page, from this origin only, with no inline code", async (page) => {
  const res = await page.goto(BASE + "/");
  eq(res.status(), 200, "status");
  assert((res.headers()["content-security-policy"] || "").includes("script-src 'self'"), "CSP header");
  await page.waitForSelector("#q");
  const bad = await page.evaluate(() => ({
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    styles: document.querySelectorAll("style, [style]").length,
    handlers: [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
    css: [...document.styleSheets].length,
  }));
  eq(bad.inlineScripts, 0, "inline scripts");
  eq(bad.styles, 0, "inline styles");
  eq(bad.handlers, 0, "inline handlers");
  eq(bad.css, 1, "stylesheets loaded");
  eq(await page.evaluate(() => document.activeElement.id), "q", "the query box has the focus");
  await shot(page, "home-desktop.png");
});

await test("the page works with the network off (nothing but searchd)", async (page) => {
  await page.route((url) => !url.href.startsWith(origin), (route) => route.abort());
  await search(page, "Doha");
  assert(await page.locator("#results .hit").count() > 0, "hits shown");
});

// ---- 2. search --------------------------------------------------------------
await test("Enter searches: hits with title link, date, source, highlighted snippet, count", async (page) => {
  await search(page, "Doha talks");
  eq(qs(page).get("q"), "Doha talks", "q in the address");
  const first = page.locator("#results .hit").first();
  const href = await first.locator("a.hit-link").getAttribute("href");
  assert(href.includes("view=article") && href.includes("id="), `title links to the article view: ${href}`);
  assert(await page.locator("#results .hit time").count() > 0, "dates shown");
  assert(await page.locator("#results .hit .source").count() > 0, "sources shown");
  const marks = await page.locator("#results .snippet mark").allTextContents();
  assert(marks.length > 0 && marks.some((m) => /doha|talk/i.test(m)), `marked words: ${marks}`);
  assert(/^\d+ match(es)?/.test(await page.textContent("#count")), "match count");
  assert(await page.locator("#results .similar-link").count() > 0, "similar links");
});

await test("near-duplicates: the count and the hit say how many were folded", async (page) => {
  await search(page, "prisoner lists exchanged");
  const count = await page.textContent("#count");
  assert(/^\d+ matches · \d+ stor(y|ies) \(1 near-duplicate folded\)$/.test(count), `count: ${count}`);
  assert(/\+1 near-duplicate/.test(await page.textContent("#results .hit .dups")), "hit duplicates");
});

await test("did you mean: the suggestion is shown and searches when clicked", async (page) => {
  await search(page, "negotiatinf");
  await page.waitForSelector("#suggestion-link");
  await page.click("#suggestion-link");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "negotiating");
  await page.waitForSelector("#results .hit");
  eq(await page.inputValue("#q"), "negotiating", "the box shows the suggestion");
});

await test("sort: newest and oldest order the hits by date", async (page) => {
  await search(page, "Doha");
  await page.selectOption("#sort", "newest");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("sort") === "newest");
  await page.waitForFunction(() => !document.body.classList.contains("busy"));
  const dates = await page.locator("#results .hit time").allTextContents();
  const sorted = [...dates].sort().reverse();
  eq(dates.join(), sorted.join(), "newest first");
  await page.selectOption("#sort", "oldest");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("sort") === "oldest");
  await page.waitForFunction(() => !document.body.classList.contains("busy"));
  const old = await page.locator("#results .hit time").allTextContents();
  eq(old.join(), [...old].sort().join(), "oldest first");
});

await test("paging: next and previous pages, numbered on from 11", async (page) => {
  await search(page, "said");
  assert(/Page 1 of 2/.test(await page.textContent("#pager")), "page 1 of 2");
  await page.click("#pager a[rel=next]");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("page") === "2");
  await page.waitForFunction(() => !document.body.classList.contains("busy"));
  eq(await page.getAttribute("#results", "start"), "11", "ranks go on");
  assert(await page.locator("#results .hit").count() > 0, "page 2 has hits");
  await page.click("#pager a[rel=prev]");
  await page.waitForFunction(() => !new URLSearchParams(location.search).get("page"));
});

await test("entity chips on hits filter the search (person=)", async (page) => {
  await mockFacets(page);
  await search(page, "Doha");
  await page.locator("#results .entity-chips a.chip-person").first().click();
  await page.waitForFunction(() => new URLSearchParams(location.search).getAll("person").includes("Sergey Lavrov"));
  await page.waitForSelector("#active-filters .active-chip");
});

await test("entities absent: hits render without chips or facets", async (page) => {
  await stripFacets(page);
  await search(page, "Doha");
  eq(await page.locator("#results .entity-chips").count(), 0, "no chips");
  eq(await page.locator("#facets .facet").count(), 0, "no facets");
  assert(await page.locator("#results .hit").count() > 0, "hits shown");
});

// ---- 3. facets ---------------------------------------------------------------
await test("facets: counts shown, a click filters, the chip removes the filter", async (page) => {
  await mockFacets(page);
  await search(page, "Doha");
  await shot(page, "search-facets-desktop.png");
  const groups = await page.locator("#facets h2").allTextContents();
  eq(groups.join(","), "People,Places,Countries,Organisations,Sources", "facet groups");
  assert(/Sergey Lavrov\s*3/.test(await page.textContent("#facets")), "value and count");
  await page.click("#facets a.facet[data-kind=place]");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("place") === "Doha");
  await page.click("#facets a.facet[data-kind=source]");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("source") === "news.example.org");
  eq(await page.locator("#active-filters .active-chip").count(), 2, "two active chips");
  await page.click("#active-filters button[aria-label='Remove filter place: Doha']");
  await page.waitForFunction(() => !new URLSearchParams(location.search).has("place"));
  eq(qs(page).get("source"), "news.example.org", "the other filter stays");
  eq(await page.evaluate(() => window.__pwned), undefined, "a facet value with markup ran nothing");
});

await test("date histogram: a click on a bar filters to its month, a drag to the span", async (page) => {
  await mockFacets(page);
  await search(page, "Doha");
  const bars = page.locator("#histogram-chart .bar");
  eq(await bars.count(), 3, "one bar per bucket");
  await bars.nth(1).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("from") === "2021-02-01");
  eq(qs(page).get("to"), "2021-02-28", "to");
  await page.waitForSelector("#histogram-chart .bar");
  const box = await page.locator("#histogram-chart svg").boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.9, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("from") === "2021-01-01");
  eq(qs(page).get("to"), "2021-03-31", "dragged to the last bar");
  assert(/from/.test(await page.textContent("#active-filters")), "the date filter is a chip");
});

await test("date histogram without facets: drawn from /timeline", async (page) => {
  await stripFacets(page);
  await search(page, "Doha");
  await page.waitForSelector("#histogram-chart .bar");
  assert(await page.locator("#histogram-chart .bar").count() >= 2, "bars");
  await page.locator("#histogram-chart .bar").first().focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("from") === "2021-02");
  await page.waitForSelector("#results .hit");
});

// ---- 4. timeline ---------------------------------------------------------------
await test("timeline: up to 3 queries on one chart, counts or share, CSV download", async (page) => {
  await page.goto(BASE + "/?view=timeline");
  await page.fill("#tq1", "Doha");
  await page.fill("#tq2", "Taliban");
  await page.press("#tq2", "Enter");
  await page.waitForSelector("#timeline-chart svg");
  eq(await page.locator("#timeline-chart polyline").count(), 2, "two series");
  eq(qs(page).getAll("tq").join("|"), "Doha|Taliban", "queries in the address");
  await shot(page, "timeline-desktop.png");
  await page.check("#mode-share");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("mode") === "share");
  assert(/%/.test(await page.textContent("#timeline-chart")), "shares as percentages");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#timeline-csv")]);
  const path = await download.path();
  const { readFileSync } = await import("node:fs");
  const csv = readFileSync(path, "utf8").split("\r\n");
  eq(csv[0], "bucket,start,all,Doha (articles),Doha (share),Taliban (articles),Taliban (share)", "CSV header");
  assert(/^2021-02,2021-02-01,\d+,\d+,[\d.]+,\d+,[\d.]+$/.test(csv[1]), `CSV row: ${csv[1]}`);
  await page.reload();
  await page.waitForSelector("#timeline-chart svg");
  eq(await page.inputValue("#tq2"), "Taliban", "reload keeps the queries");
  assert(await page.isChecked("#mode-share"), "and the mode");
});

await test("timeline: a bad query shows the server's message", async (page) => {
  await page.goto(BASE + "/?view=timeline&tq=" + encodeURIComponent("(Doha"));
  await page.waitForSelector("#timeline-status.error");
  assert(/unclosed/.test(await page.textContent("#timeline-status")), "message shown");
});

// ---- 5. article view ---------------------------------------------------------------
await test("article view: text, metadata with extraction, entities as links, similar articles", async (page) => {
  await mockFacets(page);
  await search(page, "Doha talks");
  await page.locator("#results a.hit-link").first().click();
  await page.waitForSelector(".article h1");
  eq(qs(page).get("view"), "article", "view in the address");
  assert(await page.locator(".article-body p").count() >= 1, "paragraphs");
  assert(/via jsonl/.test(await page.textContent(".article-meta")), "extraction shown");
  await page.waitForSelector(".similar-list li a");
  await shot(page, "article-desktop.png");
  const ent = page.locator(".article-entities a.chip-org");
  eq(await ent.textContent(), "United Nations", "entity link");
  assert((await ent.getAttribute("href")).includes("org=United+Nations"), "filtered search");
  const title = await page.textContent(".article h1");
  await page.locator(".similar-list li a").first().click();
  await page.waitForFunction((t) => document.querySelector(".article h1") &&
    document.querySelector(".article h1").textContent !== t, title);
  await page.goBack();
  await page.waitForFunction((t) => document.querySelector(".article h1") &&
    document.querySelector(".article h1").textContent === t, title);
  await page.click(".back");
  await page.waitForSelector("#results .hit");
  eq(qs(page).get("q"), "Doha talks", "back to the results");
});

await test("article view: an unknown id says so", async (page) => {
  await page.goto(BASE + "/?view=article&id=no-such-article");
  await page.waitForSelector("#article-view .status.error");
  assert(/No article/.test(await page.textContent("#article-view")), "message");
});

// ---- 6. export ---------------------------------------------------------------------
await test("export: CSV and JSON Lines links of every match, with the filters", async (page) => {
  await search(page, "said");
  await page.selectOption("#sort", "newest");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("sort") === "newest");
  const csvHref = await page.getAttribute("#export-csv", "href");
  const u = new URL(csvHref, BASE);
  eq(u.pathname, "/export", "path");
  eq(u.searchParams.get("format"), "csv", "format");
  eq(u.searchParams.get("order"), "newest", "order follows sort");
  const csv = await (await page.request.get(new URL(csvHref, BASE).href)).text();
  const rows = csv.trim().split("\r\n");
  eq(rows[0], "id,title,url,date,source", "CSV header");
  const total = parseInt(await page.textContent("#count"), 10);
  assert(total > 10, `more matches than one page: ${total}`);
  eq(rows.length - 1, total, "every match, not one page");
  const jl = await (await page.request.get(new URL(await page.getAttribute("#export-jsonl", "href"), BASE).href)).text();
  eq(jl.trim().split("\n").length, total, "JSON Lines too");
  await page.goto(BASE + "/?q=said&from=2021-03");
  await page.waitForSelector("#results .hit");
  const dated = new URL(await page.getAttribute("#export-csv", "href"), BASE);
  eq(dated.searchParams.get("from"), "2021-03", "from passed on");
  const rows2 = (await (await page.request.get(dated.href)).text()).trim().split("\r\n").slice(1);
  assert(rows2.length > 0 && rows2.every((r) => /,2021-03-\d\d,/.test(r)), `only March: ${rows2.join(" | ")}`);
});

// ---- 7. state in the address ---------------------------------------------------------
await test("the address holds the view: reload, back and forward reproduce it", async (page) => {
  await search(page, "said");
  await page.selectOption("#sort", "oldest");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("sort") === "oldest");
  await page.click("#pager a[rel=next]");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("page") === "2");
  await page.waitForFunction(() => !document.body.classList.contains("busy"));
  const page2 = await page.locator("#results .hit-title").allTextContents();
  await page.reload();
  await page.waitForSelector("#results .hit");
  eq((await page.locator("#results .hit-title").allTextContents()).join("|"), page2.join("|"), "reload");
  eq(await page.inputValue("#sort"), "oldest", "sort restored");
  await page.goBack();
  await page.waitForFunction(() => !new URLSearchParams(location.search).get("page"));
  await page.waitForFunction(() => !document.body.classList.contains("busy"));
  eq(await page.getAttribute("#results", "start"), "1", "back to page 1");
  await page.goForward();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("page") === "2");
  await page.waitForFunction(() => !document.body.classList.contains("busy"));
  eq(await page.getAttribute("#results", "start"), "11", "forward to page 2");
  const copy = page.url();
  const other = await newPage();
  await other.goto(copy);
  await other.waitForSelector("#results .hit");
  eq((await other.locator("#results .hit-title").allTextContents()).join("|"), page2.join("|"), "a copied link");
  await other.close();
});

// ---- 8. safety ---------------------------------------------------------------------
await test("an article with <script>, onerror and <img> in its fields runs nothing", async (page) => {
  await search(page, "payload");
  const title = await page.textContent("#results .hit-title");
  assert(title.includes("<script>window.__pwned=1</script>"), `title shown as text: ${title}`);
  eq(await page.locator("#results img, #results script").count(), 0, "no element from the data");
  assert((await page.textContent("#results .snippet")).includes("<img src=x"), "snippet shown as text");
  assert(/&lt;b&gt; & done|<b> & done|&lt;b&gt; &amp; done/.test(await page.textContent("#results .snippet")), "entities decoded once");
  await page.click("#results a.hit-link");
  await page.waitForSelector(".article h1");
  await page.waitForTimeout(300);
  eq(await page.locator("#article-view img, #article-view script").count(), 0, "no element in the article view");
  eq(await page.locator("#article-view a[href^='javascript']").count(), 0, "no javascript: link");
  assert((await page.textContent(".article-body")).includes("<script>window.__pwned=6"), "body as text");
  await shot(page, "article-hostile.png");
  eq(await page.evaluate(() => window.__pwned), undefined, "window.__pwned");
});

// ---- 9. usable ---------------------------------------------------------------------
await test("keyboard: '/' focuses the query box, Enter searches", async (page) => {
  await page.goto(BASE + "/?q=Doha");
  await page.waitForSelector("#results .hit");
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("/");
  eq(await page.evaluate(() => document.activeElement.id), "q", "focus");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Taliban");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "Taliban");
});

await test("a bad query shows the server's 400 message", async (page) => {
  await search(page, "(Doha");
  await page.waitForSelector("#status.error");
  const text = await page.textContent("#status");
  assert(/unclosed '\(' at column 1/.test(text), `message: ${text}`);
  eq(await page.getAttribute("#status", "role"), "alert", "announced");
});

await test("a loading state is shown while searching", async (page) => {
  await page.route(/\/search\?/, async (route) => {
    await new Promise((r) => setTimeout(r, 600));
    await route.continue();
  });
  await page.goto(BASE + "/?q=Doha");
  await page.waitForSelector("#status.loading");
  assert(/Searching/.test(await page.textContent("#status")), "loading text");
  await page.waitForSelector("#results .hit");
});

await test("every input and button has an accessible name", async (page) => {
  await page.goto(BASE + "/?q=Doha");
  await page.waitForSelector("#results .hit");
  const unnamed = await page.evaluate(() => [...document.querySelectorAll("input, select, button")].filter((e) => {
    const label = e.labels && e.labels.length ? e.labels[0].textContent.trim() : "";
    return !(label || e.getAttribute("aria-label") || (e.tagName === "BUTTON" && e.textContent.trim()));
  }).map((e) => e.outerHTML));
  eq(unnamed.length, 0, `unnamed: ${unnamed.join(" ")}`);
});

await test("Persian titles are laid out right to left", async (page) => {
  await search(page, "دوحه");
  const dir = await page.locator("#results .hit-title").first().evaluate((e) => getComputedStyle(e).direction);
  eq(dir, "rtl", "direction");
  await shot(page, "search-persian-desktop.png");
});

for (const [label, url, wait] of [
  ["search results", "/?q=Doha", "#results .hit"],
  ["article", "/?view=article&id=example-001", ".similar-list li"],
  ["timeline", "/?view=timeline&tq=Doha&tq=Taliban&tq=ceasefire", "#timeline-chart svg"],
  ["hostile article", "/?view=article&id=evil-1", ".article h1"],
]) {
  await test(`at 375 px wide the ${label} view has no horizontal scroll`, async (page) => {
    await page.setViewportSize({ width: 375, height: 800 });
    if (label === "search results") await mockFacets(page);
    await page.goto(BASE + url);
    await page.waitForSelector(wait);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert(widths[0] <= widths[1], `scrollWidth ${widths[0]} > clientWidth ${widths[1]}`);
    await shot(page, `${label.replace(/ /g, "-")}-375.png`);
  });
}

await context.close();
rmSync(profile, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
