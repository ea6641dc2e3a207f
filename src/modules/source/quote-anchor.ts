// Finding a citation's quote in its source's full text, and describing where it is in the shape of the
// W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#text-quote-selector and
// #text-position-selector), so that a reader can see the quote in context and a frontend can highlight it.
//
// The normalisation, and nothing else: every whitespace character is a space and a run of them matches a
// run of any length; typographic single and double quotes match ' and "; dashes and the minus sign match
// -. No case folding, no Unicode normalisation, no punctuation dropped. Each character folds to exactly
// one character, so offsets in the folded text are offsets in the original. The migration
// 20261203000000_provenance applies the same table in SQL (quote_fold) to back-fill existing citations.
//
// Offsets count Unicode code points, as the W3C model and PostgreSQL's substr do (not UTF-16 units):
// [...text].slice(start, end).join('') is `exact`.

const WHITESPACE =
  '\t\n\r\u000B\u000C\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A' +
  '\u2028\u2029\u202F\u205F\u3000';
const SINGLE_QUOTES = '\u2018\u2019\u201A\u201B\u2032\u2039\u203A';
const DOUBLE_QUOTES = '\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB';
const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D';

const FOLD = new Map<string, string>([
  ...[...WHITESPACE].map((c) => [c, ' '] as [string, string]),
  ...[...SINGLE_QUOTES].map((c) => [c, "'"] as [string, string]),
  ...[...DOUBLE_QUOTES].map((c) => [c, '"'] as [string, string]),
  ...[...DASHES].map((c) => [c, '-'] as [string, string]),
]);

/** How many characters of context the prefix and suffix carry (at most). */
export const CONTEXT_LENGTH = 32;

/** A quote located in a text: TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector. */
export interface QuoteAnchor {
  exact: string;
  prefix: string;
  suffix: string;
  /** Code-point offset of the first character of `exact`. */
  start: number;
  /** Code-point offset just after its last character. */
  end: number;
}

/** The folded text with whitespace runs collapsed, and for each of its UTF-16 units the code point it came from. */
function fold(codePoints: readonly string[]): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  let inSpace = false;
  codePoints.forEach((c, i) => {
    const f = FOLD.get(c) ?? (c === ' ' ? ' ' : c);
    if (f === ' ') {
      if (inSpace) return;
      inSpace = true;
    } else inSpace = false;
    text += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
  });
  return { text, origin };
}

/** The quote as it is matched: folded, whitespace runs collapsed, trimmed. */
export function normaliseQuote(quote: string): string {
  return fold([...quote]).text.trim();
}

/** Where `quote` first occurs in `text` under the normalisation above, or null when it does not occur. */
export function anchorQuote(text: string, quote: string): QuoteAnchor | null {
  const needle = normaliseQuote(quote);
  if (needle === '') return null;
  const points = [...text];
  const folded = fold(points);
  const at = folded.text.indexOf(needle);
  if (at < 0) return null;
  const start = folded.origin[at]!;
  const end = folded.origin[at + needle.length - 1]! + 1;
  return {
    exact: points.slice(start, end).join(''),
    prefix: points.slice(Math.max(0, start - CONTEXT_LENGTH), start).join(''),
    suffix: points.slice(end, end + CONTEXT_LENGTH).join(''),
    start,
    end,
  };
}

/** The citation columns that hold an anchor (all null: the source holds no text, so nothing to verify). */
export function anchorColumns(anchor: QuoteAnchor | null) {
  return {
    anchorExact: anchor?.exact ?? null,
    anchorPrefix: anchor?.prefix ?? null,
    anchorSuffix: anchor?.suffix ?? null,
    anchorStart: anchor?.start ?? null,
    anchorEnd: anchor?.end ?? null,
  };
}
