const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const SPECIAL = /[&<>"']/g;

/**
 * `text` safe to place in HTML or SVG text and in a quoted attribute value: `&`, `<`, `>`, `"` and
 * `'` become entities. Participant ids, types and descriptions are user data, so everything a
 * report shows from the result goes through here.
 */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (c) => ENTITIES[c] ?? c);
}
