/**
 * The one flow for a change that meets someone else's (HTTP 409 with `current`): it never
 * overwrites. `resolveConflict` stores their version and either tells the user or asks them,
 * through `ConflictDialog`, which version to keep.
 */

import { ApiError } from "./api.js";
import { escapeHtml } from "./render.js";
import { fill, gettext } from "./i18n.js";

/**
 * The current version of an object when `error` is a 409 that carries one, else null: a
 * decision (accept, reject, adjudicate) is never replayed on a changed object; the caller
 * shows the current version and lets the person decide again.
 */
export function currentOf(error) {
  return error instanceof ApiError && error.status === 409 && error.body?.current ? error.body.current : null;
}

/**
 * Handle `error` if it is a conflict; resolves to false (and does nothing) when it is not, so
 * the caller reports it as any other error.
 *
 * `keep(current)` puts their version in place. With `dialog` and `question(current)` (the
 * title, both texts and their author) the user then chooses, and `retry(current)` sends their
 * own version over the current one when they choose it. Without a dialog, `announce` tells
 * them `notice` (or the server's message).
 */
export async function resolveConflict(error, { keep, announce, notice, dialog, question, retry }) {
  const current = currentOf(error);
  if (!current) return false;
  keep(current);
  if (dialog && question) {
    const choice = await dialog.ask(question(current));
    if (choice === "mine" && retry) await retry(current);
  } else if (announce) {
    announce(notice ?? error.message, true);
  }
  return true;
}

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
