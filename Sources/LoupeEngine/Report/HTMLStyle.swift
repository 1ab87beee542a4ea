/// The style sheet and the table-sorting script every HTML report carries inline.
enum HTMLStyle {
    /// The CSS: readable on screen, and printed (no sticky parts, charts and tables within the
    /// page's width).
    static let css = """
        body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
        h1, h2, h3, h4 { line-height: 1.25; }
        .table { overflow-x: auto; margin: 0 0 1.5em; }
        table { border-collapse: collapse; }
        caption { text-align: left; font-weight: 600; padding: .3em 0; }
        th, td { border-bottom: 1px solid #ccc; padding: .25em .7em; text-align: left; vertical-align: top; }
        th[tabindex] { cursor: pointer; }
        th[aria-sort=ascending]::after { content: " ▲"; font-size: .7em; }
        th[aria-sort=descending]::after { content: " ▼"; font-size: .7em; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        table.kwic { width: 100%; }
        table.kwic td { border: none; padding: .1em .3em; }
        table.kwic td.left, table.kwic th.left { text-align: right; width: 45%; }
        table.kwic td.keyword { white-space: nowrap; }
        table.kwic td.doc { color: #555; white-space: nowrap; }
        mark { background: #fde9a9; font-weight: 600; color: inherit; }
        .figures { display: flex; flex-wrap: wrap; gap: 1em; margin: 0 0 1.5em; }
        .figure { border: 1px solid #ddd; border-radius: 6px; padding: .6em 1em; min-width: 8em; }
        .figure .value { font-size: 1.8em; font-weight: 600; font-variant-numeric: tabular-nums; }
        .figure .label { font-weight: 600; }
        .figure .note, .note { color: #555; font-size: .9em; }
        figure.chart { margin: 0 0 1.5em; max-width: 640px; }
        figure.chart svg { display: block; width: 100%; height: auto; }
        @media print {
          body { margin: 0; max-width: none; font-size: 11pt; }
          .table { overflow: visible; }
          table { width: 100%; }
          td, th { word-break: break-word; }
          thead { display: table-header-group; }
          tr, figure.chart, .figure { break-inside: avoid; }
          th[tabindex] { cursor: auto; }
          mark { background: none; text-decoration: underline; }
        }
        """

    /// Sorts a table by the column whose header is clicked (or chosen with Enter): numbers
    /// numerically, text alphabetically, again to reverse. Without scripts tables stay as written.
    static let script = """
        document.querySelectorAll("table.sortable th").forEach(function (th) {
          th.tabIndex = 0;
          function key(row) {
            var cell = row.cells[th.cellIndex], text = cell ? cell.textContent : "";
            if (cell && cell.className === "number") { if (text === "∞") return Infinity; var n = parseFloat(text.replace(/,/g, "")); return isNaN(n) ? -Infinity : n; }
            return text.toLowerCase();
          }
          function sort() {
            var table = th.closest("table"), body = table.tBodies[0];
            var ascending = th.getAttribute("aria-sort") !== "ascending";
            table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
            th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = key(a), y = key(b);
              var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
              return ascending ? order : -order;
            });
            rows.forEach(function (row) { body.appendChild(row); });
          }
          th.addEventListener("click", sort);
          th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
        });
        """
}
