/**
 * Strings that break naive code generation: quotes, template syntax, comment terminators,
 * line terminators JavaScript knows but JSON does not, prototype keys, reserved words, and
 * each one trying to run `globalThis.__pwned = …` if it ever escapes its string or comment.
 */
export const INJECTION_PAYLOADS: readonly string[] = [
  `"`,
  `'`,
  "`",
  "${globalThis.__pwned=1}",
  "`+(globalThis.__pwned=2)+`",
  `"+(globalThis.__pwned=3)+"`,
  `'+(globalThis.__pwned=4)+'`,
  "*/ globalThis.__pwned=5; /*",
  "*/\nglobalThis.__pwned=6;\n/*",
  "\nglobalThis.__pwned=7;//",
  "\r\nglobalThis.__pwned=8;//",
  "\u2028globalThis.__pwned=9;//",
  "\u2029globalThis.__pwned=10;//",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "then",
  "class",
  "await",
  "default",
  "\\",
  `\\"`,
  "</script><script>globalThis.__pwned=11</script>",
  "{{payload}}",
  "{{{payload}}}",
  "// @ts-nocheck",
  "/* @ts-ignore",
  "\u0000nul",
  "\uFEFFbom",
  "\uD83D\uDE00 emoji",
  "\uD800 lone surrogate",
  "a-b.c d",
  "1leading-digit",
  "$",
  "import('node:fs')",
  "-->",
  "<!--",
];

/** What a payload must never have done once the generated module ran. */
export function pwned(): unknown {
  return (globalThis as { __pwned?: unknown }).__pwned;
}
