/** Interface strings through Django's JavaScript catalog (identity when it is not loaded). */

export function t(text) {
  return typeof window.gettext === "function" ? window.gettext(text) : text;
}

/** `t(text)` with %(name)s placeholders filled from `values`. */
export function tf(text, values) {
  const translated = t(text);
  return translated.replace(/%\((\w+)\)s/g, (_, name) => String(values[name] ?? ""));
}

/** A date and time in the interface language. */
export function when(iso) {
  if (!iso) return "";
  const language = document.documentElement.lang || undefined;
  return new Date(iso).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" });
}
