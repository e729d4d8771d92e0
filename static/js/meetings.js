/* Agenda builder: drag and drop with SortableJS; the new order is posted by the section's
 * hidden reorder form (htmx). Keyboard users use the up/down buttons, which are plain forms. */
(function () {
  "use strict";

  function initSortables(root) {
    var lists = root.querySelectorAll ? root.querySelectorAll(".agenda-section") : [];
    lists.forEach(function (list) {
      if (list.dataset.sortableReady === "1" || typeof Sortable === "undefined") {
        return;
      }
      list.dataset.sortableReady = "1";
      Sortable.create(list, {
        handle: ".drag-handle",
        animation: 150,
        forceFallback: true,
        onEnd: function (evt) {
          if (evt.oldIndex === evt.newIndex) {
            return;
          }
          var form = document.getElementById(list.dataset.reorderForm);
          if (!form) {
            return;
          }
          var ids = Array.prototype.map.call(list.children, function (li) {
            return li.dataset.id;
          });
          form.querySelector("input[name=order]").value = ids.join(",");
          if (typeof htmx !== "undefined") {
            htmx.trigger(form, "submit");
          } else {
            form.submit();
          }
        },
      });
    });
    var focus = document.querySelector("#agenda [data-autofocus]");
    if (focus) {
      focus.removeAttribute("data-autofocus");
      focus.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    initSortables(document);
  });
  // New agenda content arrives as an out-of-band swap: set it up again.
  ["htmx:load", "htmx:oobAfterSwap", "htmx:afterSettle"].forEach(function (name) {
    document.addEventListener(name, function () {
      initSortables(document);
    });
  });
})();
