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

/** Headers whose whole value is a credential, whatever the config or auth put there. */
const CREDENTIAL_HEADER =
  /^(?:authorization|proxy-authorization|cookie|set-cookie)$|token|secret|passw|api[-_]?key|auth|session|signature/i;

/**
 * Headers as observers may see them: a credential header's value is `***` whole (a Basic or
 * OAuth2 value is derived from secrets, so no secret value matches it), every other value is redacted.
 */
export function redactHeaders(
  headers: Record<string, string> | Headers,
  redact: Redactor,
): Record<string, string> {
  const shown: Record<string, string> = {};
  const show = (value: string, name: string) => {
    shown[name] = CREDENTIAL_HEADER.test(name) ? REDACTED : redact(value);
  };
  // forEach, not entries(): the DOM lib without DOM.Iterable, which connectors compile against, lacks the iterators.
  if (headers instanceof Headers) headers.forEach(show);
  else for (const [name, value] of Object.entries(headers)) show(value, name);
  return shown;
}

/** A redactor that can also learn values at run time, e.g. an OAuth2 access token an auth fetched. */
export interface LearningRedactor extends Redactor {
  /** Redacts `value` from now on; values shorter than 4 characters are ignored, or every message would be starred. */
  learn(value: string): void;
}

export function learningRedactor(base: Redactor): LearningRedactor {
  const learned = new Set<string>();
  let extra: Redactor = (text) => text;
  const redact = ((text: string) => extra(base(text))) as LearningRedactor;
  redact.learn = (value) => {
    if (value.length < 4 || learned.has(value)) return;
    learned.add(value);
    extra = createRedactor(learned);
  };
  return redact;
}
