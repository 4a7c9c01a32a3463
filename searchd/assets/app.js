/* app.js - Khabar's search page (docs/WEB.md): plain JavaScript over the
 * JSON API of khabar-searchd, with no library and nothing loaded from
 * elsewhere.
 *
 * Safety: every string that comes from the index reaches the document as
 * a text node (textContent, createTextNode) or an attribute set with
 * setAttribute; innerHTML is never used.  Snippets, which the server sends
 * as escaped text with <mark> around matches, are split on those two tags
 * and rebuilt from text nodes.  Links from the index are used only when
 * they are http: or https:.
 *
 * State: the whole view (query, filters, sort, page, article, timeline
 * queries) lives in the query string of the address, so that reload, back,
 * forward and a copied link all reproduce it.  render() draws the view the
 * address names; navigate() changes the address and calls it. */
"use strict";

(function () {
  var PAGE_SIZE = 10;
  var MAX_RANK = 10000;             /* /search pages end at rank 10,000 */
  var ENTITY_KINDS = ["person", "place", "country", "org"];
  var FACET_KINDS = ["person", "place", "country", "org", "source"];
  var KIND_NAMES = {
    person: "People", place: "Places", country: "Countries",
    org: "Organisations", source: "Sources"
  };
  var KIND_SINGULAR = {
    person: "person", place: "place", country: "country",
    org: "organisation", source: "source", from: "from", to: "to"
  };
  var SERIES_COLOURS = ["#1f5fbf", "#c2410c", "#15803d"];
  var SVG_NS = "http://www.w3.org/2000/svg";

  var $ = function (id) { return document.getElementById(id); };
  var lastRequest = 0;              /* drops answers to superseded requests */
  var lastTimeline = null;          /* the answer the CSV is made from */

  /* ---- Building the document safely ---------------------------------- */

  /* A new element TAG with ATTRS (set with setAttribute; "text" sets
   * textContent) and CHILDREN (nodes or strings, as text). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = String(value);
      else node.setAttribute(name, value === true ? "" : String(value));
    });
  }

  function append(node, children) {
    if (children === undefined || children === null) return;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    });
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /* The five entities the server's escaping writes, and numeric ones. */
  function decodeEntities(text) {
    return text.replace(/&(amp|lt|gt|quot|apos|#39|#x27|#\d+|#x[0-9a-fA-F]+);/g,
      function (all, name) {
        switch (name) {
        case "amp": return "&";
        case "lt": return "<";
        case "gt": return ">";
        case "quot": return "\"";
        case "apos": case "#39": case "#x27": return "'";
        }
        var code = name.charAt(1) === "x" || name.charAt(1) === "X"
          ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff))
          return "\ufffd";
        return String.fromCodePoint(code);
      });
  }

  /* A snippet (escaped text with <mark>…</mark>) as a fragment of text
   * nodes and <mark> elements.  Any other markup, which the server never
   * sends, would come out as visible text, never as an element. */
  function snippetNodes(html) {
    var frag = document.createDocumentFragment();
    var parts = String(html).split(/(<mark>|<\/mark>)/);
    var inMark = false;
    parts.forEach(function (part) {
      if (part === "<mark>") { inMark = true; return; }
      if (part === "</mark>") { inMark = false; return; }
      if (part === "") return;
      var text = document.createTextNode(decodeEntities(part));
      frag.appendChild(inMark ? el("mark", null, text) : text);
    });
    return frag;
  }

  /* URL when it is an absolute http(s) address, else null. */
  function safeHref(url) {
    try {
      var u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  /* ---- State in the address ------------------------------------------ */

  function params() { return new URLSearchParams(location.search); }

  /* The address for the view described by P (a URLSearchParams). */
  function href(p) {
    var s = p.toString();
    return "/" + (s ? "?" + s : "");
  }

  function navigate(p, replace) {
    var url = href(p);
    /* The state marks entries this page made, for the back link. */
    if (replace) history.replaceState(history.state, "", url);
    else history.pushState({ khabar: true }, "", url);
    render();
  }

  /* The search parameters that select matches (not page or sort). */
  function filterParams(p) {
    var out = [];
    FACET_KINDS.concat(["from", "to"]).forEach(function (kind) {
      p.getAll(kind).forEach(function (v) { out.push([kind, v]); });
    });
    return out;
  }

  function searchParams(q, extra) {
    var p = new URLSearchParams();
    p.set("q", q);
    (extra || []).forEach(function (kv) { p.append(kv[0], kv[1]); });
    return p;
  }

  /* A link that navigates inside the page (a real href, so that it can be
   * opened in a new tab or copied). */
  function navLink(p, text, attrs) {
    var a = el("a", Object.assign({ href: href(p) }, attrs || {}), text);
    a.addEventListener("click", function (ev) {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey)
        return;
      ev.preventDefault();
      navigate(p);
    });
    return a;
  }

  function articleParams(id) {
    var p = new URLSearchParams();
    p.set("view", "article");
    p.set("id", id);
    return p;
  }

  /* ---- Talking to searchd --------------------------------------------- */

  /* GETs URL as JSON; rejects with an Error whose message is the
   * server's own for a 4xx/5xx answer. */
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (res) {
        return res.json().catch(function () { return null; }).then(function (body) {
          if (res.ok && body) return body;
          var msg = body && body.error && body.error.message
            ? body.error.message : "the server answered " + res.status;
          var err = new Error(msg);
          err.status = res.status;
          err.code = body && body.error ? body.error.code : "";
          throw err;
        });
      }, function () {
        throw new Error("searchd cannot be reached");
      });
  }

  function setStatus(node, kind, text) {
    clear(node);
    node.className = "status" + (kind ? " " + kind : "");
    node.setAttribute("role", kind === "error" ? "alert" : "status");
    if (text) append(node, kind === "loading" ? [el("span", { "class": "spinner", "aria-hidden": "true" }), text] : text);
  }

  /* ---- Views ---------------------------------------------------------- */

  function showView(name) {
    ["search", "article", "timeline"].forEach(function (v) {
      $(v + "-view").hidden = v !== name;
      var nav = $("nav-" + v);
      if (nav) {
        if (v === name || (name === "article" && v === "search"))
          nav.setAttribute("aria-current", "page");
        else nav.removeAttribute("aria-current");
      }
    });
  }

  function render() {
    var p = params();
    var view = p.get("view") || "search";
    if (view === "article" && p.get("id")) renderArticle(p);
    else if (view === "timeline") renderTimeline(p);
    else renderSearch(p);
  }

  /* ---- Search --------------------------------------------------------- */

  function renderSearch(p) {
    showView("search");
    var q = p.get("q");
    $("q").value = q || "";
    $("sort").value = ["newest", "oldest"].indexOf(p.get("sort")) >= 0 ? p.get("sort") : "relevance";
    document.title = q ? q + " — Khabar" : "Khabar — news archive search";
    if (q === null || q.trim() === "") {
      $("toolbar").hidden = true;
      $("layout").hidden = true;
      $("suggestion").hidden = true;
      renderActiveFilters(p);
      setStatus($("status"), "", q === null ? "" : "Type some words to search.");
      return;
    }
    var page = parseInt(p.get("page") || "1", 10);
    if (!(page >= 1)) page = 1;
    var api = new URLSearchParams();
    api.set("q", q);
    api.set("page", String(page));
    api.set("size", String(PAGE_SIZE));
    if (p.get("sort")) api.set("sort", $("sort").value);
    filterParams(p).forEach(function (kv) { api.append(kv[0], kv[1]); });

    var token = ++lastRequest;
    setStatus($("status"), "loading", "Searching…");
    $("results").setAttribute("aria-busy", "true");
    document.body.classList.add("busy");
    renderActiveFilters(p);
    getJSON("/search?" + api.toString()).then(function (res) {
      if (token !== lastRequest) return;
      document.body.classList.remove("busy");
      $("results").removeAttribute("aria-busy");
      setStatus($("status"), "", "");
      showResults(p, res, page);
    }, function (err) {
      if (token !== lastRequest) return;
      document.body.classList.remove("busy");
      $("results").removeAttribute("aria-busy");
      $("layout").hidden = true;
      $("toolbar").hidden = true;
      $("suggestion").hidden = true;
      setStatus($("status"), "error",
        (err.code === "query_syntax" ? "The query does not parse: " : "Search failed: ") + err.message);
    });
  }

  function showResults(p, res, page) {
    var hits = res.hits || [];
    $("toolbar").hidden = false;
    $("layout").hidden = false;
    showCount(res);
    showSuggestion(p, res.suggestion);
    updateExports(p);
    renderFacets(p, res.facets);
    renderHistogram(p, res.facets);
    var list = $("results");
    clear(list);
    list.setAttribute("start", String((page - 1) * PAGE_SIZE + 1));
    if (hits.length === 0)
      list.appendChild(el("li", { "class": "empty" },
        page > 1 ? "No more matches: this page is past the last one." : "No article matches."));
    hits.forEach(function (hit) { list.appendChild(hitItem(p, hit)); });
    renderPager(p, res, page);
  }

  function plural(n, one, many) {
    return n.toLocaleString("en") + " " + (n === 1 ? one : many);
  }

  function showCount(res) {
    var total = res.total || 0;
    var text = plural(total, "match", "matches");
    if (typeof res.unique === "number" && res.unique !== total) {
      text += " · " + plural(res.unique, "story", "stories") + (res.unique_exact === false ? " or more" : "") +
        " (" + plural(total - res.unique, "near-duplicate", "near-duplicates") + " folded)";
    }
    $("count").textContent = text;
  }

  function showSuggestion(p, suggestion) {
    var node = $("suggestion");
    clear(node);
    if (!suggestion) { node.hidden = true; return; }
    var np = searchParams(suggestion, filterParams(p));
    if (p.get("sort")) np.set("sort", p.get("sort"));
    append(node, ["Did you mean ", navLink(np, suggestion, { dir: "auto", id: "suggestion-link" }), "?"]);
    node.hidden = false;
  }

  function hitItem(p, hit) {
    var li = el("li", { "class": "hit" });
    var id = hit.id || "";
    var title = hit.title || id || "(untitled)";
    li.appendChild(el("h2", { "class": "hit-title", dir: "auto" },
      navLink(articleParams(id), title, { "class": "hit-link" })));
    var meta = el("p", { "class": "meta" });
    if (hit.date) append(meta, el("time", { datetime: hit.date }, hit.date));
    if (hit.source) append(meta, el("span", { "class": "source", dir: "auto" }, hit.source));
    if (hit.lang) append(meta, el("span", { "class": "lang" }, hit.lang));
    if (hit.duplicates > 0)
      append(meta, el("span", { "class": "dups" }, "+" + plural(hit.duplicates, "near-duplicate", "near-duplicates")));
    li.appendChild(meta);
    if (hit.snippet)
      li.appendChild(el("p", { "class": "snippet", dir: "auto" }, snippetNodes(hit.snippet)));
    var chips = entityChips(p, hit.entities);
    if (chips) li.appendChild(chips);
    var more = el("p", { "class": "hit-links" });
    var sp = new URLSearchParams();
    sp.set("view", "article");
    sp.set("id", id);
    sp.set("similar", "1");
    append(more, navLink(sp, "Similar articles", { "class": "similar-link" }));
    var ext = safeHref(hit.url);
    if (ext) append(more, el("a", { href: ext, rel: "noopener noreferrer nofollow", target: "_blank", "class": "ext", dir: "auto" }, "Original"));
    li.appendChild(more);
    return li;
  }

  /* Entity chips for ENTITIES ({person: [...], ...}, possibly absent or
   * partial): each a link adding that filter to the current search. */
  function entityChips(p, entities) {
    if (!entities || typeof entities !== "object") return null;
    var box = el("ul", { "class": "chips entity-chips", "aria-label": "Named in this article" });
    ENTITY_KINDS.forEach(function (kind) {
      var list = Array.isArray(entities[kind]) ? entities[kind] : [];
      list.slice(0, 8).forEach(function (name) {
        if (typeof name !== "string" || !name) return;
        var np = new URLSearchParams(p.toString());
        np.delete("page");
        np.delete("view");
        np.delete("id");
        if (!np.get("q")) np.set("q", "\"" + name.replace(/"/g, "") + "\"");
        if (np.getAll(kind).indexOf(name) < 0) np.append(kind, name);
        box.appendChild(el("li", null, navLink(np, name,
          { "class": "chip chip-" + kind, dir: "auto", title: KIND_SINGULAR[kind] + ": " + name })));
      });
    });
    return box.firstChild ? box : null;
  }

  function renderActiveFilters(p) {
    var box = $("active-filters");
    clear(box);
    var active = filterParams(p);
    active.forEach(function (kv) {
      var np = new URLSearchParams();
      p.forEach(function (v, k) {
        if (k === "page") return;
        if (!(k === kv[0] && v === kv[1])) np.append(k, v);
      });
      var label = KIND_SINGULAR[kv[0]] + ": " + kv[1];
      var remove = el("button", { type: "button", "class": "chip-remove", "aria-label": "Remove filter " + label }, "×");
      remove.addEventListener("click", function () { navigate(np); });
      box.appendChild(el("span", { "class": "chip active-chip chip-" + kv[0] },
        [el("span", { "class": "chip-kind" }, KIND_SINGULAR[kv[0]]), " ", el("bdi", null, kv[1]), remove]));
    });
    if (active.length > 1) {
      var np = new URLSearchParams();
      if (p.get("q") !== null) np.set("q", p.get("q"));
      if (p.get("sort")) np.set("sort", p.get("sort"));
      var all = el("button", { type: "button", "class": "link-button" }, "Clear all filters");
      all.addEventListener("click", function () { navigate(np); });
      box.appendChild(all);
    }
    box.hidden = active.length === 0;
  }

  function renderFacets(p, facets) {
    var box = $("facets");
    clear(box);
    var any = false;
    FACET_KINDS.forEach(function (kind) {
      var list = facets && Array.isArray(facets[kind]) ? facets[kind] : [];
      if (list.length === 0) return;
      any = true;
      var ul = el("ul", { "class": "facet-list" });
      list.forEach(function (f) {
        if (!f || typeof f.value !== "string") return;
        var active = p.getAll(kind).indexOf(f.value) >= 0;
        var np = new URLSearchParams(p.toString());
        np.delete("page");
        if (active) {
          var keep = np.getAll(kind).filter(function (v) { return v !== f.value; });
          np.delete(kind);
          keep.forEach(function (v) { np.append(kind, v); });
        } else {
          np.append(kind, f.value);
        }
        ul.appendChild(el("li", null, navLink(np,
          [el("bdi", { "class": "facet-value" }, f.value), el("span", { "class": "facet-count" }, String(f.count))],
          { "class": "facet" + (active ? " active" : ""), "aria-pressed": active ? "true" : "false",
            "data-kind": kind, title: (active ? "Remove filter " : "Filter by ") + KIND_SINGULAR[kind] + ": " + f.value })));
      });
      box.appendChild(el("section", { "class": "facet-group" }, [el("h2", null, KIND_NAMES[kind]), ul]));
    });
    box.hidden = !any;
    $("layout").classList.toggle("no-facets", !any);
  }

  function updateExports(p) {
    ["csv", "jsonl"].forEach(function (format) {
      var ep = new URLSearchParams();
      var q = p.get("q") || "";
      /* The filters go along both as parameters and, for /export, as query
       * syntax (date:, field:"value"), so that the export holds the same
       * articles even where /export does not take a parameter. */
      var extra = [];
      var from = p.get("from"), to = p.get("to");
      if (from || to) extra.push("date:" + (from || "") + ".." + (to || ""));
      FACET_KINDS.forEach(function (kind) {
        p.getAll(kind).forEach(function (v) {
          extra.push(kind + ":\"" + v.toLowerCase().replace(/"/g, "") + "\"");
        });
      });
      ep.set("q", extra.length ? "(" + q + ") " + extra.join(" ") : q);
      ep.set("format", format);
      var sort = p.get("sort");
      if (sort === "newest" || sort === "oldest") ep.set("order", sort);
      filterParams(p).forEach(function (kv) { ep.append(kv[0], kv[1]); });
      var a = $("export-" + format);
      a.setAttribute("href", "/export?" + ep.toString());
      a.setAttribute("download", "khabar-export." + (format === "csv" ? "csv" : "jsonl"));
    });
  }

  function renderPager(p, res, page) {
    var nav = $("pager");
    clear(nav);
    var shown = typeof res.unique === "number" ? res.unique : (res.total || 0);
    var pages = Math.max(1, Math.ceil(Math.min(shown, MAX_RANK) / PAGE_SIZE));
    if (pages <= 1 && page <= 1) return;
    var link = function (n, text, rel) {
      var np = new URLSearchParams(p.toString());
      if (n === 1) np.delete("page"); else np.set("page", String(n));
      return navLink(np, text, { rel: rel, "class": "button" });
    };
    if (page > 1) nav.appendChild(link(page - 1, "← Previous", "prev"));
    nav.appendChild(el("span", { "class": "page-of" }, "Page " + page + " of " + pages.toLocaleString("en")));
    if (page < pages) nav.appendChild(link(page + 1, "Next →", "next"));
  }

  /* ---- The date histogram -------------------------------------------- */

  /* Buckets of the matches by month: facets.date when /search gives it,
   * else /timeline for the query (without the entity filters). */
  function renderHistogram(p, facets) {
    var fig = $("histogram");
    var date = facets && facets.date;
    if (date && Array.isArray(date.buckets)) {
      drawHistogram(p, date.buckets.map(function (b) {
        return { key: b.key, from: b.from || b.key, to: b.to || b.key, count: b.count || 0 };
      }), date.undated || 0, true, date.interval);
      return;
    }
    var tp = new URLSearchParams();
    tp.set("q", p.get("q"));
    tp.set("interval", "month");
    var token = lastRequest;
    getJSON("/timeline?" + tp.toString()).then(function (res) {
      if (token !== lastRequest) return;
      drawHistogram(p, (res.buckets || []).map(function (b) {
        return { key: b.key, from: b.key, to: b.key, count: (b.counts || [0])[0] };
      }), res.queries && res.queries[0] ? res.queries[0].undated : 0, false, "month");
    }, function () {
      if (token === lastRequest) fig.hidden = true;
    });
  }

  function drawHistogram(p, buckets, undated, exact, interval) {
    var fig = $("histogram");
    var chart = $("histogram-chart");
    clear(chart);
    if (buckets.filter(function (b) { return b.count > 0; }).length === 0) { fig.hidden = true; return; }
    fig.hidden = false;
    var unit = ["day", "week", "month", "year"].indexOf(interval) >= 0 ? interval : "month";
    var caption = "Matches per " + unit +
      (exact ? "" : " (before entity filters)") + (undated ? "; " + plural(undated, "match", "matches") + " undated" : "") +
      ". Click a bar or drag across bars to filter by date.";
    $("histogram-caption").textContent = caption;
    var W = 600, H = 120, top = 8, bottom = 22;
    var max = Math.max.apply(null, buckets.map(function (b) { return b.count; }).concat([1]));
    var n = buckets.length, slot = W / n, barW = Math.max(1, slot * 0.8);
    var from = p.get("from"), to = p.get("to");
    var s = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "group", "aria-label": "Matches over time", "class": "hist-svg", preserveAspectRatio: "none" });
    var bars = [];
    buckets.forEach(function (b, i) {
      var h = b.count ? Math.max(2, (H - top - bottom) * b.count / max) : 0;
      var selected = (from || to) && (!from || b.from >= from) && (!to || b.to <= to || b.key <= to);
      var g = svg("g", { "class": "bar" + (selected ? " selected" : ""), tabindex: "0", role: "button",
        "aria-label": b.key + ": " + plural(b.count, "match", "matches") + ". Filter to this period.", "data-key": b.key });
      g.appendChild(svg("rect", { x: i * slot, y: top, width: slot, height: H - top - bottom, "class": "hit-area" }));
      g.appendChild(svg("rect", { x: i * slot + (slot - barW) / 2, y: H - bottom - h, width: barW, height: h, "class": "fill" }));
      g.appendChild(svg("title", { text: b.key + ": " + b.count }));
      g.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); filterDates(p, b, b); }
      });
      s.appendChild(g);
      bars.push(g);
    });
    /* Axis labels: the first, the last and a few between. */
    var step = Math.max(1, Math.ceil(n / 6));
    buckets.forEach(function (b, i) {
      if (i % step !== 0 && i !== n - 1) return;
      if (i !== n - 1 && n - 1 - i < step / 2 && i !== 0) return;
      s.appendChild(svg("text", { x: i * slot + slot / 2, y: H - 6, "text-anchor": i === 0 && n > 1 ? "start" : i === n - 1 && n > 1 ? "end" : "middle", "class": "axis" , text: b.key }));
    });
    var band = svg("rect", { "class": "drag-band", x: 0, y: top, width: 0, height: H - top - bottom, visibility: "hidden" });
    s.appendChild(band);
    chart.appendChild(s);

    /* Dragging across bars filters to the span; a click is a drag over one. */
    var start = null, current = null;
    var index = function (ev) {
      var r = s.getBoundingClientRect();
      var i = Math.floor((ev.clientX - r.left) / r.width * n);
      return Math.min(n - 1, Math.max(0, i));
    };
    var paint = function () {
      var a = Math.min(start, current), z = Math.max(start, current);
      band.setAttribute("x", String(a * slot));
      band.setAttribute("width", String((z - a + 1) * slot));
      band.setAttribute("visibility", "visible");
    };
    s.addEventListener("pointerdown", function (ev) {
      if (ev.button !== 0) return;
      start = current = index(ev);
      if (s.setPointerCapture) s.setPointerCapture(ev.pointerId);
      paint();
      ev.preventDefault();
    });
    s.addEventListener("pointermove", function (ev) {
      if (start === null) return;
      current = index(ev);
      paint();
    });
    s.addEventListener("pointerup", function (ev) {
      if (start === null) return;
      current = index(ev);
      var a = Math.min(start, current), z = Math.max(start, current);
      start = null;
      band.setAttribute("visibility", "hidden");
      filterDates(p, buckets[a], buckets[z]);
    });
    s.addEventListener("pointercancel", function () {
      start = null;
      band.setAttribute("visibility", "hidden");
    });
  }

  function filterDates(p, first, last) {
    var np = new URLSearchParams(p.toString());
    np.delete("page");
    np.set("from", first.from);
    np.set("to", last.to);
    navigate(np);
  }

  /* ---- The article view ---------------------------------------------- */

  function renderArticle(p) {
    showView("article");
    var id = p.get("id");
    var view = $("article-view");
    clear(view);
    var status = el("div", { "class": "status", role: "status" });
    view.appendChild(backLink());
    view.appendChild(status);
    setStatus(status, "loading", "Loading the article…");
    var token = ++lastRequest;
    var path = encodeURIComponent(id);
    getJSON("/article/" + path).then(function (res) {
      if (token !== lastRequest) return;
      setStatus(status, "", "");
      showArticle(view, res.article || {}, p.get("similar") === "1");
      loadSimilar(view, id, token);
    }, function (err) {
      if (token !== lastRequest) return;
      setStatus(status, "error", err.status === 404 ? "No article has this id." : "The article cannot be shown: " + err.message);
    });
  }

  function backLink() {
    var a = el("a", { href: "/", "class": "back" }, "← Back");
    a.addEventListener("click", function (ev) {
      if (history.state && history.state.khabar) {
        ev.preventDefault();
        history.back();
      }
    });
    return a;
  }

  function showArticle(view, a, scrollToSimilar) {
    document.title = (a.title || a.id || "Article") + " — Khabar";
    var art = el("article", { "class": "article", lang: a.lang || null });
    art.appendChild(el("h1", { dir: "auto", id: "article-title" }, a.title || "(untitled)"));
    var ex = a.extraction && typeof a.extraction === "object" ? a.extraction : {};
    var dl = el("dl", { "class": "article-meta" });
    var row = function (label, field, value) {
      if (value === undefined || value === null || value === "") return;
      var how = ex[field];
      dl.appendChild(el("dt", null, label));
      dl.appendChild(el("dd", null, [
        typeof value === "string" ? el("span", { dir: "auto" }, value) : value,
        how ? el("span", { "class": "how", title: "How this field was extracted" }, "via " + String(how)) : null
      ]));
    };
    row("Date", "date", a.date);
    row("Source", "source", a.source);
    row("Byline", "byline", a.byline);
    row("Language", "lang", a.lang);
    var url = safeHref(a.url);
    row("Address", "url", url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", dir: "auto", "class": "ext" }, a.url) : a.url);
    row("Id", "id", el("code", { dir: "auto" }, a.id || ""));
    art.appendChild(dl);
    var shown = { date: 1, source: 1, byline: 1, lang: 1, url: 1, id: 1 };
    var rest = Object.keys(ex).filter(function (k) { return !shown[k]; });
    if (rest.length) {
      art.appendChild(el("p", { "class": "how-rest" }, "Extracted: " + rest.map(function (k) {
        return k + " via " + String(ex[k]);
      }).join(", ")));
    }
    var ents = articleEntities(a.entities);
    if (ents) art.appendChild(ents);
    var body = el("div", { "class": "article-body", dir: "auto" });
    String(a.body || "").split(/\n\s*\n/).forEach(function (para) {
      if (para.trim()) body.appendChild(el("p", { dir: "auto" }, para.trim()));
    });
    art.appendChild(body);
    view.appendChild(art);
    var sim = el("section", { "class": "similar", id: "similar", "aria-labelledby": "similar-heading" },
      [el("h2", { id: "similar-heading" }, "Similar articles"), el("p", { "class": "status loading" }, "Looking for similar articles…")]);
    view.appendChild(sim);
    if (scrollToSimilar) sim.scrollIntoView();
    else window.scrollTo(0, 0);
  }

  /* The article's entities, each a link to the search filtered by it. */
  function articleEntities(entities) {
    if (!entities || typeof entities !== "object") return null;
    var box = el("section", { "class": "article-entities", "aria-label": "Named in this article" });
    ENTITY_KINDS.forEach(function (kind) {
      var list = Array.isArray(entities[kind]) ? entities[kind] : [];
      var names = list.map(function (e) { return typeof e === "string" ? e : e && (e.value || e.name); })
        .filter(function (v) { return typeof v === "string" && v; });
      if (!names.length) return;
      var ul = el("ul", { "class": "chips" });
      names.forEach(function (name) {
        var np = new URLSearchParams();
        np.set("q", "\"" + name.replace(/"/g, "") + "\"");
        np.append(kind, name);
        ul.appendChild(el("li", null, navLink(np, name, { "class": "chip chip-" + kind, dir: "auto" })));
      });
      box.appendChild(el("div", { "class": "entity-row" }, [el("h2", null, KIND_NAMES[kind]), ul]));
    });
    return box.firstChild ? box : null;
  }

  function loadSimilar(view, id, token) {
    var sim = $("similar");
    getJSON("/similar/" + encodeURIComponent(id) + "?size=8").then(function (res) {
      if (token !== lastRequest || !sim) return;
      var status = sim.querySelector(".status");
      if (status) sim.removeChild(status);
      var hits = res.hits || [];
      if (!hits.length) { sim.appendChild(el("p", { "class": "empty" }, "No similar article.")); return; }
      var ol = el("ol", { "class": "similar-list" });
      hits.forEach(function (h) {
        ol.appendChild(el("li", null, [
          navLink(articleParams(h.id), h.title || h.id, { dir: "auto" }),
          el("span", { "class": "meta" }, [h.date ? el("time", { datetime: h.date }, h.date) : null,
            h.source ? el("span", { "class": "source", dir: "auto" }, h.source) : null])
        ]));
      });
      sim.appendChild(ol);
    }, function (err) {
      if (token !== lastRequest || !sim) return;
      var status = sim.querySelector(".status");
      if (status) setStatus(status, "error", "Similar articles cannot be shown: " + err.message);
    });
  }

  /* ---- The timeline --------------------------------------------------- */

  function renderTimeline(p) {
    showView("timeline");
    document.title = "Timeline — Khabar";
    var qs = p.getAll("tq").filter(function (q) { return q.trim() !== ""; }).slice(0, 3);
    [1, 2, 3].forEach(function (i) { $("tq" + i).value = qs[i - 1] || ""; });
    var interval = ["day", "week", "month", "year"].indexOf(p.get("interval")) >= 0 ? p.get("interval") : "month";
    $("interval").value = interval;
    var mode = p.get("mode") === "share" ? "share" : "count";
    $("mode-" + mode).checked = true;
    lastTimeline = null;
    $("timeline-csv").disabled = true;
    if (!qs.length) {
      $("timeline-figure").hidden = true;
      setStatus($("timeline-status"), "", "Enter up to three queries to compare how often the archive mentions them.");
      return;
    }
    var api = new URLSearchParams();
    qs.forEach(function (q) { api.append("q", q); });
    api.set("interval", interval);
    var token = ++lastRequest;
    setStatus($("timeline-status"), "loading", "Counting…");
    getJSON("/timeline?" + api.toString()).then(function (res) {
      if (token !== lastRequest) return;
      setStatus($("timeline-status"), "", "");
      lastTimeline = res;
      $("timeline-csv").disabled = false;
      drawTimeline(res, mode);
    }, function (err) {
      if (token !== lastRequest) return;
      $("timeline-figure").hidden = true;
      setStatus($("timeline-status"), "error", "The timeline cannot be drawn: " + err.message);
    });
  }

  function drawTimeline(res, mode) {
    var chart = $("timeline-chart");
    var legend = $("timeline-legend");
    clear(chart);
    clear(legend);
    $("timeline-figure").hidden = false;
    var buckets = res.buckets || [];
    var queries = res.queries || [];
    var value = function (b, i) { return mode === "share" ? (b.shares || [])[i] || 0 : (b.counts || [])[i] || 0; };
    var W = 640, H = 280, L = 48, R = 12, T = 12, B = 36;
    var max = 0;
    buckets.forEach(function (b) { queries.forEach(function (q, i) { max = Math.max(max, value(b, i)); }); });
    if (max === 0) max = mode === "share" ? 0.01 : 1;
    var x = function (i) { return buckets.length <= 1 ? L + (W - L - R) / 2 : L + (W - L - R) * i / (buckets.length - 1); };
    var y = function (v) { return T + (H - T - B) * (1 - v / max); };
    var fmt = function (v) { return mode === "share" ? (v * 100).toFixed(v * 100 < 10 ? 1 : 0) + "%" : String(Math.round(v)); };
    var s = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "class": "timeline-svg",
      "aria-label": (mode === "share" ? "Share of all articles" : "Articles") + " per " + res.interval + " for " +
        queries.map(function (q) { return q.q; }).join(", ") });
    [0, 0.5, 1].forEach(function (f) {
      var v = max * f;
      s.appendChild(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), "class": "grid" }));
      s.appendChild(svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", "class": "axis", text: fmt(v) }));
    });
    var step = Math.max(1, Math.ceil(buckets.length / 6));
    buckets.forEach(function (b, i) {
      if (i % step === 0 || i === buckets.length - 1)
        s.appendChild(svg("text", { x: x(i), y: H - 12, "text-anchor": "middle", "class": "axis", text: b.key }));
    });
    queries.forEach(function (q, i) {
      var colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
      var pts = buckets.map(function (b, j) { return x(j).toFixed(1) + "," + y(value(b, i)).toFixed(1); });
      if (pts.length > 1)
        s.appendChild(svg("polyline", { points: pts.join(" "), fill: "none", stroke: colour, "stroke-width": 2.5, "class": "series series-" + i }));
      buckets.forEach(function (b, j) {
        s.appendChild(svg("circle", { cx: x(j), cy: y(value(b, i)), r: 3.5, fill: colour, "class": "point" },
          svg("title", { text: q.q + " — " + b.key + ": " + (b.counts || [])[i] + " of " + b.all + " articles (" + fmt((b.shares || [])[i] || 0) + ")" })));
      });
      legend.appendChild(el("span", { "class": "legend-item" }, [
        el("span", { "class": "swatch swatch-" + i, "aria-hidden": "true" }),
        el("bdi", null, q.q), " — " + plural(q.total || 0, "article", "articles") + (q.undated ? " (" + q.undated + " undated)" : "")
      ]));
    });
    if (!buckets.length) legend.appendChild(el("span", null, "No dated article matches."));
    chart.appendChild(s);
  }

  /* A CSV field as RFC 4180 wants it, with the same guard as /export
   * against spreadsheet formulas. */
  function csvField(v) {
    var s = String(v === undefined || v === null ? "" : v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
  }

  function timelineCSV(res) {
    var head = ["bucket", "start", "all"];
    (res.queries || []).forEach(function (q) { head.push(q.q + " (articles)", q.q + " (share)"); });
    var rows = [head];
    (res.buckets || []).forEach(function (b) {
      var row = [b.key, b.start, b.all];
      (res.queries || []).forEach(function (q, i) { row.push((b.counts || [])[i], (b.shares || [])[i]); });
      rows.push(row);
    });
    return rows.map(function (r) { return r.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  function downloadTimeline() {
    if (!lastTimeline) return;
    var blob = new Blob([timelineCSV(lastTimeline)], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: "khabar-timeline-" + lastTimeline.interval + ".csv", hidden: true });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* ---- Wiring ----------------------------------------------------------- */

  function init() {
    $("search-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var p = params();
      var np = new URLSearchParams();
      np.set("q", $("q").value);
      /* A new query keeps the sort and the filters, and starts at page 1. */
      if ((p.get("view") || "search") === "search") {
        if (p.get("sort")) np.set("sort", p.get("sort"));
        filterParams(p).forEach(function (kv) { np.append(kv[0], kv[1]); });
      }
      navigate(np);
    });
    $("sort").addEventListener("change", function () {
      var np = params();
      np.delete("page");
      if ($("sort").value === "relevance") np.delete("sort");
      else np.set("sort", $("sort").value);
      navigate(np);
    });
    $("timeline-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var np = new URLSearchParams();
      np.set("view", "timeline");
      [1, 2, 3].forEach(function (i) {
        var v = $("tq" + i).value;
        if (v.trim() !== "") np.append("tq", v);
      });
      if ($("interval").value !== "month") np.set("interval", $("interval").value);
      if ($("mode-share").checked) np.set("mode", "share");
      navigate(np);
    });
    ["mode-count", "mode-share"].forEach(function (id) {
      $(id).addEventListener("change", function () {
        var np = params();
        if ($("mode-share").checked) np.set("mode", "share"); else np.delete("mode");
        history.replaceState(history.state, "", href(np));
        if (lastTimeline) drawTimeline(lastTimeline, $("mode-share").checked ? "share" : "count");
      });
    });
    $("timeline-csv").addEventListener("click", downloadTimeline);
    [["nav-search", "search"], ["nav-timeline", "timeline"], ["home", "home"]].forEach(function (pair) {
      $(pair[0]).addEventListener("click", function (ev) {
        if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
        ev.preventDefault();
        var np = new URLSearchParams();
        if (pair[1] === "timeline") np.set("view", "timeline");
        navigate(np);
        if (pair[1] !== "timeline") $("q").focus();
      });
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var t = ev.target;
      var tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      ev.preventDefault();
      var view = params().get("view") || "search";
      if (view === "timeline") { $("tq1").focus(); return; }
      if (view !== "search") navigate(new URLSearchParams());
      $("q").focus();
      $("q").select();
    });
    window.addEventListener("popstate", render);
    render();
    if (!params().get("q") && (params().get("view") || "search") === "search") $("q").focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}());
