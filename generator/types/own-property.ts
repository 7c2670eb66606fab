/**
 * Sets an own, enumerable property. Schemas come from documents anyone can write, and a
 * plain assignment to a property named `__proto__` would set the copy's prototype instead.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
