/* HEP-áttekintés: sorting and filtering of the tables, without any library.
   The pages work without this script too (every table is complete in the HTML). */
(function () {
  "use strict";
  var collator = new Intl.Collator("hu", { numeric: true, sensitivity: "base" });

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
  }

  /* the column index of a header cell, counting the colspans and rowspans of the header rows */
  function columnIndex(table, th) {
    var grid = [], rows = table.tHead.rows;
    for (var r = 0; r < rows.length; r++) {
      grid[r] = grid[r] || [];
      var col = 0;
      for (var c = 0; c < rows[r].cells.length; c++) {
        var cell = rows[r].cells[c];
        while (grid[r][col]) { col++; }
        for (var dr = 0; dr < cell.rowSpan; dr++) {
          grid[r + dr] = grid[r + dr] || [];
          for (var dc = 0; dc < cell.colSpan; dc++) { grid[r + dr][col + dc] = true; }
        }
        if (cell === th) { return col; }
        col += cell.colSpan;
      }
    }
    return -1;
  }

  function sortBy(table, th, kind, announce) {
    var index = columnIndex(table, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index), d;
      if (kind === "number") {
        var nx = x === "" ? NaN : parseFloat(x), ny = y === "" ? NaN : parseFloat(y);
        if (isNaN(nx) && isNaN(ny)) { d = 0; }
        else if (isNaN(nx)) { return 1; }   /* blanks last in both directions */
        else if (isNaN(ny)) { return -1; }
        else { d = nx - ny; }
      } else {
        d = collator.compare(x, y);
      }
      return ascending ? d : -d;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("thead th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    if (announce) {
      announce.textContent = "Rendezve: " + th.textContent.trim() + ", " + (ascending ? "növekvő" : "csökkenő") + " sorrend";
    }
  }

  function makeSortable(table) {
    var status = document.createElement("p");
    status.className = "sr";
    status.setAttribute("aria-live", "polite");
    table.parentNode.insertBefore(status, table.nextSibling);
    table.querySelectorAll("thead th[data-sort]").forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, th.getAttribute("data-sort"), status); });
    });
  }

  function setUpFilters(form) {
    var table = document.getElementById("osszesito");
    var count = document.getElementById("f-count");
    var controls = form.querySelectorAll("[data-filter]");
    function apply() {
      var want = {};
      controls.forEach(function (c) {
        want[c.getAttribute("data-filter")] = c.type === "checkbox" ? c.checked : c.value.trim().toLowerCase();
      });
      var shown = 0, rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var ok = (!want.county || row.getAttribute("data-county").toLowerCase() === want.county) &&
                 (!want.district || row.getAttribute("data-district").toLowerCase() === want.district) &&
                 (!want.text || row.getAttribute("data-text").indexOf(want.text) !== -1) &&
                 (!want.errors || row.getAttribute("data-errors") !== "0") &&
                 (!want.late || row.getAttribute("data-late") !== "0");
        row.hidden = !ok;
        if (ok) { shown++; }
      }
      count.textContent = shown + " / " + rows.length + " település látható";
    }
    controls.forEach(function (c) { c.addEventListener(c.tagName === "SELECT" || c.type === "checkbox" ? "change" : "input", apply); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
    apply();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable").forEach(makeSortable);
    var form = document.getElementById("szures");
    if (form) { setUpFilters(form); }
  });
})();
