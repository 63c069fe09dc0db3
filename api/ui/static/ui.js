// Progressive enhancement only: every page works without this file.
// - "/" moves the focus to the page's search field (the one marked data-shortcut="/");
// - "j" and "k" move the focus to the next and the previous event of a long page (plans, violations, debugger).
"use strict";
const events = () => Array.from(document.querySelectorAll(".event, .recent"));
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
  if (event.key === "/") {
    const field = document.querySelector('[data-shortcut="/"]');
    if (field) {
      event.preventDefault();
      field.focus();
      field.select();
    }
  } else if (event.key === "j" || event.key === "k") {
    const all = events();
    if (!all.length) return;
    const at = all.findIndex((item) => item.contains(document.activeElement));
    const next = event.key === "j" ? Math.min(all.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
    all[next].tabIndex = -1;
    all[next].focus();
  }
});
