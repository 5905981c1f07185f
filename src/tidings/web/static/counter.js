// Live character count for text boxes with a limit: <textarea data-limit="5000"
// aria-describedby="ID"> where #ID is the hint it rewrites. Without scripts the hint states the
// limit and the server refuses an over-long text, keeping it for editing.
"use strict";
document.querySelectorAll("textarea[data-limit]").forEach((box) => {
  const limit = Number(box.dataset.limit);
  const hint = document.getElementById(box.getAttribute("aria-describedby"));
  if (!hint) return;
  const format = new Intl.NumberFormat();
  const update = () => {
    const used = box.value.length;
    const over = used > limit;
    hint.textContent = over
      ? `${format.format(used)} / ${format.format(limit)} characters: ${format.format(used - limit)} too many`
      : `${format.format(used)} / ${format.format(limit)} characters`;
    hint.classList.toggle("is-over", over);
  };
  box.addEventListener("input", update);
  update();
});
