/**
 * Sets `key` as an own, enumerable, writable field of `o`. An assignment to `'__proto__'` would
 * set the object's prototype instead (and leave no own field), so a copy of an input that names
 * its fields with assignments loses a `__proto__` field that `JSON.parse` made an own one, and
 * the checks of unknown fields no longer see it.
 * @internal
 */
export function ownField(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
