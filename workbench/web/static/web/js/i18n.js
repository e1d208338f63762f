/** Interface strings through Django's JavaScript catalog (identity when it is not loaded). */

/** The translation of `text` in the interface language. */
export function gettext(text) {
  return typeof window.gettext === "function" ? window.gettext(text) : text;
}

/** Marks a string for the catalog without translating it here. */
function gettext_noop(text) {
  return text;
}

/**
 * Words the API sends as values (statuses, origins, actions, label names), which the page shows
 * through gettext(value): listed here so that makemessages puts them in the catalog.
 */
const VALUE_WORDS = [
  gettext_noop("pending"),
  gettext_noop("accepted"),
  gettext_noop("rejected"),
  gettext_noop("draft"),
  gettext_noop("edited"),
  gettext_noop("approved"),
  gettext_noop("machine"),
  gettext_noop("memory"),
  gettext_noop("human"),
  gettext_noop("create"),
  gettext_noop("edit"),
  gettext_noop("review"),
  gettext_noop("delete"),
  gettext_noop("restore"),
  gettext_noop("comment"),
  gettext_noop("link"),
  gettext_noop("unlink"),
  gettext_noop("language"),
  gettext_noop("draft"),
  gettext_noop("resubmit"),
  gettext_noop("adjudicate"),
  gettext_noop("attributed_to"),
  gettext_noop("toward"),
  gettext_noop("supports"),
  gettext_noop("contradicts"),
  gettext_noop("claim"),
  gettext_noop("stance"),
  gettext_noop("source"),
];
Object.freeze(VALUE_WORDS);

/**
 * The shipped taxonomy's attribute titles and enum values (fixtures/label_types.json), which
 * forms, panels and the review queue show through gettext(); listed for the catalog.
 */
const TAXONOMY_WORDS = [
  gettext_noop("check-worthy"),
  gettext_noop("topic"),
  gettext_noop("polarity"),
  gettext_noop("target"),
  gettext_noop("kind"),
  gettext_noop("name"),
  gettext_noop("address"),
  gettext_noop("yes"),
  gettext_noop("no"),
  gettext_noop("favor"),
  gettext_noop("against"),
  gettext_noop("neutral"),
  gettext_noop("person"),
  gettext_noop("organization"),
  gettext_noop("media"),
  gettext_noop("document"),
  gettext_noop("social"),
  gettext_noop("other"),
];
Object.freeze(TAXONOMY_WORDS);

/** `template` (already translated) with its %(name)s placeholders filled from `values`. */
export function fill(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => String(values[name] ?? ""));
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (value) => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * HTML of `template` (already translated) with each value escaped and isolated in a `<bdi>`,
 * so a user name or a date never interleaves with the words around it («amal · 2026/12/04»).
 */
export function fillHtml(template, values) {
  return escape(template).replace(/%\((\w+)\)s/g, (_, name) => `<bdi>${escape(values[name] ?? "")}</bdi>`);
}

/** A date and time in the interface language. */
export function when(iso) {
  if (!iso) return "";
  const language = document.documentElement.lang || undefined;
  return new Date(iso).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" });
}
