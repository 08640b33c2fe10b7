/**
 * A short, safe rendering of any input for an error message. It never throws, whatever the
 * input (an object without a prototype, a proxy, a symbol).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    try {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a Decimal prints its value; plain objects are caught below
      const text = String(value);
      return text.startsWith('[object ') ? 'an object' : text.slice(0, 60);
    } catch {
      return 'an object';
    }
  }
  return `a ${typeof value}`;
}
