/**
 * Type-level assertions: `tsc -p .` (part of `npm test`) compiles every file in
 * test/types, so a false assertion fails the build.
 */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export function assertType<T extends true>(): T | void {}
