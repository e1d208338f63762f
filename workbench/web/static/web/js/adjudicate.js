/**
 * The adjudication view: per segment, each group of overlapping spans of one type with every
 * annotator's version side by side (agree or differ); one action accepts the chosen span, or
 * merges several into the first, and rejects the rest. Agreement per label type beside it.
 */

import { api, urls } from "./api.js";
import { currentOf } from "./conflict.js";
import { fill, gettext } from "./i18n.js";
import { escapeHtml, segmentHtml } from "./render.js";

const NOTICE_MS = 6000;

function figure(value) {
  return value === null || value === undefined ? "—" : value.toFixed(3);
}

class Adjudication {
  constructor(root) {
    this.root = root;
    this.document = root.dataset.documentId;
    this.list = root.querySelector("#adjudication-segments");
    this.region = root.querySelector("#live-region");
    this.onlyDiffer = root.querySelector("#only-differ");
    this.labels = new Map(JSON.parse(document.getElementById("adjudication-labels").textContent).map((l) => [l.id, l]));
    this.data = null;
    this.list.addEventListener("submit", (event) => this.#onSubmit(event));
    this.onlyDiffer.addEventListener("change", () => this.render());
  }

  announce(message, isError = false) {
    this.region.textContent = message;
    this.region.classList.toggle("error", isError);
    this.region.classList.add("shown");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.region.classList.remove("shown"), NOTICE_MS);
  }

  async load() {
    try {
      const { data } = await api.get(urls.documentAdjudication(this.document));
      this.data = data;
      this.render();
    } catch (error) {
      this.announce(error.message, true);
    }
  }

  #group(segment, group, key) {
    const rows = group.annotations
      .map((annotation) => {
        const from = annotation.start - segment.start;
        return (
          `<tr data-annotation-id="${annotation.id}" data-status="${escapeHtml(annotation.status)}">` +
          `<td><input type="checkbox" name="choose" value="${annotation.id}" aria-label="${escapeHtml(fill(gettext("Choose the span of %(name)s"), { name: annotation.author_name ?? "—" }))}" data-testid="choose-${annotation.id}"></td>` +
          `<th scope="row"><bdi>${escapeHtml(annotation.author_name ?? "—")}</bdi></th>` +
          `<td><q dir="auto">${escapeHtml(annotation.quote)}</q> <span class="meta">${from}–${annotation.end - segment.start}</span></td>` +
          `<td><span class="status-badge" data-status="${escapeHtml(annotation.status)}">${escapeHtml(gettext(annotation.status))}</span></td></tr>`
        );
      })
      .join("");
    const label = this.labels.get(group.label_type);
    const verdict = group.agrees ? gettext("agree") : gettext("differ");
    return (
      `<form class="adjudication-group" data-group="${key}" data-agrees="${group.agrees}" data-testid="group">` +
      `<h3><span class="swatch" style="--label-colour:${escapeHtml(label?.colour ?? "#888")}" aria-hidden="true"></span>${escapeHtml(gettext(group.label_type_name))} ` +
      `<span class="verdict" data-agrees="${group.agrees}" data-testid="verdict">${escapeHtml(verdict)}</span></h3>` +
      `<table><thead><tr><th scope="col">${escapeHtml(gettext("Choose"))}</th><th scope="col">${escapeHtml(gettext("Annotator"))}</th><th scope="col">${escapeHtml(gettext("Span"))}</th><th scope="col">${escapeHtml(gettext("Status"))}</th></tr></thead><tbody>${rows}</tbody></table>` +
      `<label>${escapeHtml(gettext("Why the others are rejected (optional)"))} <input type="text" name="reason" dir="auto" data-testid="adjudicate-reason"></label> ` +
      `<button type="submit" class="button primary" data-testid="adjudicate">${escapeHtml(gettext("Accept the chosen, reject the rest"))}</button></form>`
    );
  }

  render() {
    const data = this.data;
    if (!data) return;
    this.root.querySelector("#annotators").textContent = fill(gettext("Annotators: %(names)s"), { names: data.annotators.join(", ") || "—" });
    const onlyDiffer = this.onlyDiffer.checked;
    const items = [];
    data.segments.forEach((segment, s) => {
      const groups = segment.groups.map((group, g) => ({ group, key: `${s}-${g}` })).filter(({ group }) => !onlyDiffer || !group.agrees);
      if (!groups.length) return;
      items.push(
        `<li class="card" data-segment-id="${segment.segment}"><p class="seg-text" dir="${escapeHtml(segment.dir)}" lang="${escapeHtml(segment.effective_language)}">${segmentHtml(segment, [], null, this.labels)}</p>` +
          groups.map(({ group, key }) => this.#group(segment, group, key)).join("") +
          `</li>`,
      );
    });
    this.list.innerHTML = items.join("") || `<li class="empty" data-testid="adjudication-empty">${escapeHtml(gettext("No spans to adjudicate."))}</li>`;
    this.root.querySelector("#agreement-rows").innerHTML = data.agreement
      .map((row) => `<tr data-label="${escapeHtml(row.label_type)}"><th scope="row">${escapeHtml(gettext(row.label_type))}</th><td>${figure(row.exact_f1)}</td><td>${figure(row.overlap_f1)}</td><td>${figure(row.alpha)}</td></tr>`)
      .join("");
  }

  #findGroup(key) {
    const [s, g] = key.split("-").map(Number);
    return this.data.segments[s].groups[g];
  }

  async #onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const group = this.#findGroup(form.dataset.group);
    const choose = [...form.querySelectorAll("input[name=choose]:checked")].map((input) => Number(input.value));
    if (!choose.length) {
      this.announce(gettext("Choose one or more annotations of the group."), true);
      return;
    }
    const versions = Object.fromEntries(group.annotations.map((a) => [a.id, a.version]));
    try {
      await api.post(urls.documentAdjudicate(this.document), { versions, choose, reason: form.elements.reason.value.trim() });
      this.announce(gettext("Adjudicated."));
      await this.load();
    } catch (error) {
      if (currentOf(error)) {
        this.announce(gettext("Someone changed a span of this group meanwhile; it is shown as it is now. Decide again."), true);
        await this.load();
      } else {
        this.announce(error.message, true);
      }
    }
  }
}

const root = document.getElementById("adjudication");
new Adjudication(root).load().then(() => {
  root.dataset.ready = "true";
});
