// Names for what the admin's own scripts draw without one: each autocomplete box (select2) is named
// after its field, and each tabular inline's record column gets a header. Rows added later, and
// boxes select2 draws after this script, are named as they appear.
(function () {
  "use strict";

  function fieldName(select) {
    const named = select.getAttribute("aria-label");
    if (named) {
      return named;
    }
    const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
    return label ? label.textContent.trim().replace(/[:：]$/, "") : "";
  }

  function nameAutocomplete(box) {
    const select = box.closest(".select2") && box.closest(".select2").previousElementSibling;
    if (!select || select.tagName !== "SELECT" || box.dataset.named) {
      return;
    }
    const name = fieldName(select);
    if (!name) {
      return;
    }
    // The name, then the value chosen (select2's own text box), read together.
    const holder = document.createElement("span");
    holder.id = `${select.id}-field-name`;
    holder.className = "visually-hidden";
    holder.textContent = name;
    box.before(holder);
    const shown = box.querySelector(".select2-selection__rendered");
    if (shown && shown.id) {
      shown.setAttribute("aria-labelledby", holder.id);
      box.setAttribute("aria-labelledby", `${holder.id} ${shown.id}`);
    } else {
      box.setAttribute("aria-label", name);
    }
    box.dataset.named = "true";
  }

  function nameRecordColumns(root) {
    const meta = document.querySelector('meta[name="cci-record-column"]');
    root.querySelectorAll("th.original").forEach((header) => {
      if (!header.textContent.trim() && meta) {
        const text = document.createElement("span");
        text.className = "visually-hidden";
        text.textContent = meta.content;
        header.append(text);
      }
    });
  }

  function repair(root) {
    root.querySelectorAll(".select2-selection").forEach(nameAutocomplete);
  }

  document.addEventListener("DOMContentLoaded", () => {
    nameRecordColumns(document);
    repair(document);
    new MutationObserver((changes) => {
      for (const change of changes) {
        change.addedNodes.forEach((node) => {
          if (node.nodeType === Node.ELEMENT_NODE) {
            repair(node.parentElement || node);
          }
        });
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
