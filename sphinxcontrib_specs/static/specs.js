/* sphinx-specs: interactive spec tables. Progressive enhancement: without this script every
   table is complete and static; with it, a header click sorts, the status checkboxes and the
   search box filter rows, without a page reload. Plain DOM, no dependencies. */
(function () {
  "use strict";

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function cellKey(cell) {
    if (!cell) return "";
    var marked = cell.querySelector("[data-sort]");
    if (marked) return marked.getAttribute("data-sort");
    return cell.textContent.trim();
  }

  function compare(a, b) {
    var empty = (a === "") - (b === "");
    if (empty) return empty; /* empty cells last, in both directions */
    var na = parseFloat(a), nb = parseFloat(b);
    if (!isNaN(na) && !isNaN(nb) && String(na) === a && String(nb) === b) return na - nb;
    return collator.compare(a, b);
  }

  function dataRows(table) {
    return Array.prototype.filter.call(table.tBodies[0].rows, function (row) {
      return !row.classList.contains("specs-empty");
    });
  }

  function makeSortable(table) {
    var head = table.tHead;
    if (!head || !table.tBodies.length) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "specs-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = dataRows(table);
        rows.sort(function (a, b) {
          var ka = cellKey(a.cells[column]), kb = cellKey(b.cells[column]);
          var order = compare(ka, kb);
          if ((ka === "") !== (kb === "")) return order;
          return ascending ? order : -order;
        });
        var body = table.tBodies[0];
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function wireReport(report) {
    var tables = report.querySelectorAll("table.specs-table");
    Array.prototype.forEach.call(tables, makeSortable);
    var controls = report.querySelector(".specs-table-controls");
    if (!controls) return;
    controls.hidden = false;
    var search = controls.querySelector(".specs-search-input");
    var boxes = controls.querySelectorAll(".specs-status-filter input[type=checkbox]");
    var count = controls.querySelector(".specs-count");

    function apply() {
      var query = search.value.trim().toLowerCase();
      var allowed = {};
      Array.prototype.forEach.call(boxes, function (box) { allowed[box.value] = box.checked; });
      var shown = 0, total = 0;
      Array.prototype.forEach.call(tables, function (table) {
        var visible = 0;
        dataRows(table).forEach(function (row) {
          var status = Array.prototype.find.call(row.classList, function (c) {
            return c.indexOf("specs-status-") === 0;
          });
          var ok = (status === undefined || allowed[status] !== false) &&
            (!query || row.textContent.toLowerCase().indexOf(query) !== -1);
          row.hidden = !ok;
          total += 1;
          if (ok) { shown += 1; visible += 1; }
        });
        var block = table.closest(".specs-table-scroll") || table;
        block.hidden = visible === 0;
        var heading = block.previousElementSibling;
        if (heading && heading.classList.contains("specs-group")) heading.hidden = visible === 0;
      });
      /* the words come translated from the build (data-count-all, data-count-some) */
      var words = controls.getAttribute(shown === total ? "data-count-all" : "data-count-some");
      count.textContent = (words || "{shown} / {total}")
        .replace("{shown}", shown).replace("{total}", total);
    }

    search.addEventListener("input", apply);
    Array.prototype.forEach.call(boxes, function (box) { box.addEventListener("change", apply); });
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("div.specs-report"), wireReport);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
