/**
 * A paragraph's direction from its first strong character (rules P2 and P3 of the Unicode
 * Bidirectional Algorithm), as `workbench.language.direction.text_direction` computes it.
 *
 * Letters are the strong characters: those of right-to-left scripts give `rtl`, all others
 * `ltr`; digits, punctuation, quotes, marks and spaces are skipped, and so is the text between
 * an isolate initiator (LRI, RLI, FSI) and its PDI. Text with no strong character is `ltr`.
 */

const LETTER = /\p{L}/u;
const RIGHT_TO_LEFT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const INITIATORS = new Set(["\u2066", "\u2067", "\u2068"]);
const PDI = "\u2069";

/** "rtl" or "ltr" for `text`, from its first strong character. */
export function textDirection(text) {
  let depth = 0;
  for (const character of String(text ?? "")) {
    if (INITIATORS.has(character)) depth += 1;
    else if (character === PDI) depth = Math.max(0, depth - 1);
    else if (depth === 0 && LETTER.test(character)) return RIGHT_TO_LEFT.test(character) ? "rtl" : "ltr";
  }
  return "ltr";
}
