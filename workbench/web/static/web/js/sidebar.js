/** The side list of annotations with filters by type, status and author; it jumps to each one. */

import { fill, gettext } from "./i18n.js";
import { toUtf16 } from "./offsets.js";
import { escapeHtml } from "./render.js";

const QUOTE_CHARS = 90;
/** Items drawn at first; "Show more" adds as many again. */
const PAGE = 200;

export class Sidebar extends EventTarget {
  constructor({ list, filters, count, store }) {
    super();
    this.list = list;
    this.filters = filters;
    this.count = count;
    this.store = store;
    this.scheduled = false;
    this.limit = PAGE;
    filters.addEventListener("change", () => {
      const data = new FormData(filters);
      store.setFilter({
        label: data.get("label") || "",
        status: data.get("status") || "",
        author: data.get("author") ? Number(data.get("author")) : null,
      });
    });
    list.addEventListener("click", (event) => {
      if (event.target.closest("[data-action=more]")) {
        this.limit += PAGE;
        this.render();
        return;
      }
      const item = event.target.closest("[data-id]");
      if (item) this.dispatchEvent(new CustomEvent("open", { detail: { id: Number(item.dataset.id) } }));
    });
    store.addEventListener("annotations", () => this.schedule());
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.render();
    });
  }

  render() {
    const shown = [...this.store.annotations.values()]
      .filter((annotation) => this.store.matches(annotation))
      .sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
    this.count.textContent = `(${shown.length})`;
    if (!shown.length) {
      this.list.innerHTML = `<li class="meta">${escapeHtml(gettext("No annotations match."))}</li>`;
      return;
    }
    const more = shown.length - this.limit;
    this.list.innerHTML = shown
      .slice(0, this.limit)
      .map((annotation) => {
        const label = this.store.labelTypes.get(annotation.label_type);
        const cut = toUtf16(annotation.quote, QUOTE_CHARS);
        const quote = cut < annotation.quote.length ? `${annotation.quote.slice(0, cut)}…` : annotation.quote;
        return (
          `<li><button type="button" class="ann-item" data-id="${annotation.id}" data-status="${escapeHtml(annotation.status)}" style="--label-colour:${escapeHtml(label?.colour ?? "#888")}">` +
          `<span class="swatch" aria-hidden="true"></span><span class="ann-label">${escapeHtml(gettext(label?.name ?? ""))}</span> ` +
          `<span class="status-badge" data-status="${escapeHtml(annotation.status)}">${escapeHtml(gettext(annotation.status))}</span>` +
          `<q dir="auto">${escapeHtml(quote)}</q><bdi class="meta">${escapeHtml(annotation.author_name ?? "")}</bdi></button></li>`
        );
      })
      .join("") +
      (more > 0
        ? `<li><button type="button" class="button small" data-action="more">${escapeHtml(fill(gettext("Show %(n)s more"), { n: Math.min(more, PAGE) }))}</button></li>`
        : "");
  }
}
