import type { LoggedRequest } from "../../support/http-server.js";

/**
 * Every place of a logged request where `secret` shows, raw or URL-encoded (either way),
 * as `header:<lower-case name>`, `url` or `body`. Auth tests compare it with the one place
 * the credential belongs, so a copy anywhere else fails them.
 */
export function placesOf(request: LoggedRequest, secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2)];
  const contains = (text: string) => forms.some((form) => text.includes(form));
  const places: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (values.some(contains)) places.push(`header:${name}`);
  }
  if (contains(request.url)) places.push("url");
  if (contains(request.body)) places.push("body");
  return places;
}
