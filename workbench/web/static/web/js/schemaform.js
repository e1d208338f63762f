/**
 * Form fields built from a label type's JSON Schema, and the attributes read back from them.
 *
 * A property shows its schema `title` (or its name) and an enum its values, each through the
 * interface catalog, so the shipped taxonomy reads in Arabic; stored values stay as they are.
 */

import { escapeHtml } from "./render.js";
import { gettext } from "./i18n.js";

/** The label of attribute `name` of `schema`, in the interface language. */
export function attributeTitle(schema, name) {
  return gettext(schema?.properties?.[name]?.title ?? name);
}

/** How attribute `name`'s `value` reads: an enum value translated, anything else as it is. */
export function attributeValue(schema, name, value) {
  const property = schema?.properties?.[name];
  if (Array.isArray(property?.enum) && property.enum.includes(value)) return gettext(String(value));
  return typeof value === "string" ? value : JSON.stringify(value);
}

function inputFor(name, property, required, value) {
  const id = `attr-${name}`;
  const common = `id="${id}" name="${escapeHtml(name)}"${required ? " required" : ""}`;
  if (Array.isArray(property.enum)) {
    const empty = `<option value="">${required ? gettext("choose…") : gettext("(none)")}</option>`;
    const options = property.enum
      .map((option) => `<option value="${escapeHtml(option)}"${option === value ? " selected" : ""}>${escapeHtml(gettext(String(option)))}</option>`)
      .join("");
    return `<select ${common}>${empty}${options}</select>`;
  }
  if (property.type === "boolean") {
    return `<input type="checkbox" ${common}${value ? " checked" : ""}>`;
  }
  if (property.type === "integer" || property.type === "number") {
    const step = property.type === "integer" ? "1" : "any";
    return `<input type="number" step="${step}" ${common} value="${escapeHtml(value ?? "")}">`;
  }
  const type = property.format === "uri" ? "url" : "text";
  const limits =
    (property.maxLength ? ` maxlength="${property.maxLength}"` : "") +
    (property.minLength ? ` minlength="${property.minLength}"` : "");
  return `<input type="${type}" dir="auto" ${common}${limits} value="${escapeHtml(value ?? "")}">`;
}

/** The HTML of one labelled field per schema property, required ones first. */
export function schemaFields(schema, values = {}) {
  const properties = Object.entries(schema?.properties ?? {});
  const required = new Set(schema?.required ?? []);
  properties.sort(([a], [b]) => Number(required.has(b)) - Number(required.has(a)));
  return properties
    .map(([name, property]) => {
      const mark = required.has(name) ? ` <span class="required" aria-hidden="true">*</span>` : "";
      return (
        `<p class="field"><label for="attr-${escapeHtml(name)}">${escapeHtml(attributeTitle(schema, name))}${mark}</label>` +
        `${inputFor(name, property, required.has(name), values[name])}` +
        `<span class="field-error" data-error-for="${escapeHtml(name)}" role="alert"></span></p>`
      );
    })
    .join("");
}

/** The attributes entered in `form`, typed after the schema; empty optional fields left out. */
export function schemaValues(form, schema) {
  const values = {};
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    const input = form.elements.namedItem(name);
    if (!input) continue;
    if (property.type === "boolean") {
      values[name] = input.checked;
    } else if (input.value !== "") {
      values[name] = property.type === "integer" || property.type === "number" ? Number(input.value) : input.value;
    }
  }
  return values;
}
