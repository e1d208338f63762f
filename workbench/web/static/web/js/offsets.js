/**
 * The one place where the browser's UTF-16 offsets and the API's code-point offsets meet.
 *
 * The API counts Unicode code points over the stored text (the way Python indexes a str);
 * the DOM counts UTF-16 code units, so an emoji outside the BMP counts 2 there and 1 here.
 * Every conversion in the workspace goes through these functions.
 */

function isHigh(unit) {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit) {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** For each code point index 0..n, the UTF-16 index where it starts (the last entry is the length). */
export function codePointIndex(text) {
  const index = new Int32Array(text.length + 1);
  let points = 0;
  for (let unit = 0; unit < text.length; unit += 1) {
    if (isLow(text.charCodeAt(unit)) && unit > 0 && isHigh(text.charCodeAt(unit - 1))) continue;
    index[points] = unit;
    points += 1;
  }
  index[points] = text.length;
  return index.subarray(0, points + 1);
}

/** The number of code points in the first `units` UTF-16 units of `text`. */
export function toCodePoints(text, units) {
  let points = 0;
  const limit = Math.min(units, text.length);
  for (let unit = 0; unit < limit; unit += 1) {
    if (isLow(text.charCodeAt(unit)) && unit > 0 && isHigh(text.charCodeAt(unit - 1))) continue;
    points += 1;
  }
  return points;
}

/** The UTF-16 offset of code point `points` of `text`. */
export function toUtf16(text, points) {
  let unit = 0;
  for (let seen = 0; seen < points && unit < text.length; seen += 1) {
    unit += isHigh(text.charCodeAt(unit)) && isLow(text.charCodeAt(unit + 1)) ? 2 : 1;
  }
  return unit;
}
