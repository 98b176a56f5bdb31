// Runs in headless Chromium in a page that frames a claims report. It reads
// the report as a reader meets it, through the DOM and computed styles, and
// writes what it found as JSON into #result for the Rust test to check.
// Non-ASCII and markup characters are written as \u escapes so the dumped
// DOM holds the JSON verbatim.
window.addEventListener("load", () => {
  const found = { errors: [] };
  try {
    const frame = document.getElementById("report");
    const doc = frame.contentDocument;
    const win = frame.contentWindow;
    const style = (el) => win.getComputedStyle(el);
    found.title = doc.querySelector("h1").textContent;
    found.scripts = doc.scripts.length;
    found.nested_marks = doc.querySelectorAll("mark mark").length;
    found.claims = {};
    for (const mark of doc.querySelectorAll("article.body mark.claim")) {
      const id = mark.dataset.claim;
      const claim = found.claims[id] || (found.claims[id] = {
        pieces: [], source: mark.dataset.source || null, classes: mark.className,
      });
      claim.pieces.push(mark.querySelector(".claim-text").textContent);
      if (!mark.id) continue;
      claim.background = style(mark).backgroundColor;
      claim.focusable = mark.tabIndex === 0;
      const tip = mark.querySelector(".tip");
      claim.tip_shown_at_rest = style(tip).display !== "none";
      mark.focus();
      claim.focused = doc.activeElement === mark;
      claim.tip_shown_on_focus = style(tip).display !== "none";
      mark.blur();
      claim.details = {};
      for (const row of tip.querySelectorAll(".tip-row")) {
        const label = row.querySelector("b").textContent;
        claim.details[row.dataset.field] = row.textContent.slice(label.length).trim();
      }
      const warn = tip.querySelector(".tip-warn");
      claim.warning = warn ? warn.textContent : null;
    }
    found.sources = [];
    for (const li of doc.querySelectorAll("aside .sources li[data-source]")) {
      found.sources.push({
        id: li.dataset.source,
        name: li.querySelector(".source-name").textContent,
        claims: Number(li.dataset.claims),
        relays: Number(li.dataset.relays),
        count: li.querySelector(".count").textContent,
        swatch: style(li.querySelector(".swatch")).backgroundColor,
      });
    }
    // Picking a source (a fragment link) leaves in full view only the
    // claims that rest on it or passed through it.
    found.in_view_when_picked = {};
    for (const source of found.sources) {
      win.location.hash = "source-" + source.id;
      found.in_view_when_picked[source.id] = Array.from(
        doc.querySelectorAll("article.body mark.claim[id]"),
      )
        .filter((m) => style(m).opacity === "1")
        .map((m) => m.dataset.claim);
    }
    win.location.hash = "";
    const ids = (selector) =>
      Array.from(doc.querySelectorAll(selector), (li) => li.dataset.claim);
    found.flagged_anonymous = ids("aside .flagged.anonymous li");
    found.flagged_unsourced = ids("aside .flagged.unsourced li");
    found.panel_visible = style(doc.querySelector("aside.panel")).display !== "none";
  } catch (e) {
    found.errors.push(String(e));
  }
  document.getElementById("result").textContent = JSON.stringify(found).replace(
    /[\u007f-\uffff<>&]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
});
