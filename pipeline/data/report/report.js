(function () {
  "use strict";
  // Filters for the claims table and claim focus in the texts. Data comes from the JSON block
  // only; nothing here writes HTML, so no record string is ever parsed as markup.
  var byId = {};
  var raw = document.getElementById("claims-data");
  var data = raw ? JSON.parse(raw.textContent) : { claims: [] };

  // Arabic-aware search: no diacritics or tatweel, one alef, ya/alef maqsura and ta marbuta folded.
  function norm(s) {
    return String(s || "").normalize("NFKC").toLowerCase()
      .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0649/g, "\u064A").replace(/\u0629/g, "\u0647");
  }

  function el(id) { return document.getElementById(id); }
  var form = el("filters");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#claims-table tbody tr[data-claim]"));
  data.claims.forEach(function (c) { byId[c.id] = c; });
  // What the search box looks in: the row's own text (title, speaker, role, cue, content, about,
  // date) and the few words the row does not show (the speaker as written, the article id).
  rows.forEach(function (tr) {
    var c = byId[tr.getAttribute("data-claim")];
    if (c) c.norm = norm(tr.textContent + " " + (c.also || ""));
  });
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card[data-claim]"));

  function current() {
    return {
      speaker: el("f-speaker").value, org: el("f-org").value, model: el("f-model").value,
      qt: el("f-qt").value, from: el("f-from").value, to: el("f-to").value,
      terms: norm(el("f-q").value).split(/\s+/).filter(Boolean)
    };
  }

  function active(f) {
    return Boolean(f.speaker || f.org || f.model || f.qt || f.from || f.to || f.terms.length);
  }

  function matches(c, f) {
    if (!c) return false;
    if (f.speaker && c.speaker !== f.speaker) return false;
    if (f.org && c.orgs.indexOf(f.org) < 0) return false;
    if (f.model && c.models.indexOf(f.model) < 0) return false;
    if (f.qt && c.qt !== f.qt) return false;
    if (f.from || f.to) {
      if (!c.lo) return false;
      if (f.from && c.hi < f.from) return false;
      if (f.to && c.lo > f.to) return false;
    }
    return f.terms.every(function (t) { return c.norm.indexOf(t) >= 0; });
  }

  function apply() {
    var f = current();
    var shown = 0;
    rows.forEach(function (tr) {
      var ok = matches(byId[tr.getAttribute("data-claim")], f);
      tr.hidden = !ok;
      if (ok) shown += 1;
    });
    var on = active(f);
    cards.forEach(function (card) {
      card.classList.toggle("dim", on && !matches(byId[card.getAttribute("data-claim")], f));
    });
    el("f-count").textContent = "يُعرض " + shown + " من " + rows.length;
    document.body.classList.toggle("filtering", on);
  }

  function pieces(id) {
    return document.querySelectorAll('[data-claim="' + CSS.escape(id) + '"]');
  }

  function focusClaim(id, on) {
    pieces(id).forEach(function (node) { node.classList.toggle("focus", on); });
  }

  function hoverable(node) {
    var id = node.getAttribute("data-claim");
    node.addEventListener("mouseenter", function () { focusClaim(id, true); });
    node.addEventListener("mouseleave", function () { focusClaim(id, false); });
  }

  function flashTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && el(id);
    if (!target) return;
    var cid = target.getAttribute("data-claim");
    var nodes = cid ? pieces(cid) : [target];
    Array.prototype.forEach.call(nodes, function (node) {
      node.classList.remove("flash");
      void node.offsetWidth; // restart the animation
      node.classList.add("flash");
    });
  }

  if (form) {
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }
  // Click a column header to sort by it (numbers as numbers, words in Arabic order); again to reverse.
  var collator = new Intl.Collator("ar", { numeric: true });
  var sorted = { col: -1, dir: 1 };
  function sortBy(col) {
    var tbody = document.querySelector("#claims-table tbody");
    sorted.dir = sorted.col === col ? -sorted.dir : 1;
    sorted.col = col;
    rows.slice().sort(function (a, b) {
      var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
      return sorted.dir * collator.compare(x, y);
    }).forEach(function (tr) { tbody.appendChild(tr); });
    document.querySelectorAll("#claims-table th").forEach(function (th, i) {
      th.setAttribute("aria-sort", i !== col ? "none" : sorted.dir > 0 ? "ascending" : "descending");
    });
  }
  document.querySelectorAll("#claims-table th").forEach(function (th, i) {
    th.addEventListener("click", function () { sortBy(i); });
  });

  rows.concat(cards).forEach(hoverable);
  window.addEventListener("hashchange", flashTarget);
  flashTarget();
  document.documentElement.setAttribute("data-ready", "1");
})();
