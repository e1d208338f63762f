/** Asks the user what to do when their change meets someone else's: it never overwrites. */

import { escapeHtml } from "./render.js";
import { fill, gettext } from "./i18n.js";

export class ConflictDialog {
  constructor(dialog) {
    this.dialog = dialog;
  }

  /** Show both versions; resolves to "theirs", "mine" or "" (closed). */
  ask({ title, theirs, mine, author }) {
    const by = author ? fill(gettext("Their version (by %(name)s)"), { name: author }) : gettext("Their version");
    this.dialog.innerHTML =
      `<form method="dialog" data-testid="conflict">` +
      `<h2 id="conflict-title">${escapeHtml(title)}</h2>` +
      `<p>${escapeHtml(gettext("Nothing was overwritten. Choose which version to keep."))}</p>` +
      `<div class="versions"><section><h3>${escapeHtml(by)}</h3><pre dir="auto" data-testid="conflict-their-text">${escapeHtml(theirs)}</pre></section>` +
      `<section><h3>${escapeHtml(gettext("Your version"))}</h3><pre dir="auto" data-testid="conflict-my-text">${escapeHtml(mine)}</pre></section></div>` +
      `<div class="actions"><button class="button" value="theirs" data-testid="conflict-theirs">${escapeHtml(gettext("Keep theirs"))}</button>` +
      `<button class="button primary" value="mine" data-testid="conflict-mine">${escapeHtml(gettext("Save mine over theirs"))}</button></div>` +
      `</form>`;
    this.dialog.returnValue = "";
    this.dialog.showModal();
    return new Promise((resolve) => {
      this.dialog.addEventListener("close", () => resolve(this.dialog.returnValue), { once: true });
    });
  }
}

/**
 * The current version of an object when `error` is a 409 that carries one, else null: a
 * decision (accept, reject, adjudicate) is never replayed on a changed object; the caller
 * shows the current version and lets the person decide again.
 */
export function currentOf(error) {
  return error?.status === 409 && error.body?.current ? error.body.current : null;
}
