/** What secrets are replaced with wherever text leaves the connector. */
export const REDACTED = "***";

/**
 * Replaces every known secret value, raw or URL-encoded, by `***`.
 * Built once per source from the resolved secrets, and applied to every URL,
 * header and body excerpt that reaches an error, a log line or a hook.
 */
export interface Redactor {
  (text: string): string;
}

export function createRedactor(secretValues: Iterable<string>): Redactor {
  const forms = new Set<string>();
  for (const value of secretValues) {
    if (value === "") continue;
    forms.add(value);
    forms.add(encodeURIComponent(value));
    forms.add(new URLSearchParams({ v: value }).toString().slice(2));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const form of ordered) result = result.split(form).join(REDACTED);
    return result;
  };
}
