/**
 * dlt `endpoint.response_actions` (reference §8), the `ignore` action: a response
 * that matches is dropped and its request chain stops (for a child, only for that
 * parent record). `status_code` and `content` (a substring of the body) must both
 * match when both are given. Unlike dlt, where a string `status_code` never matches,
 * `"404"` matches 404. Callables are Python-only and have no JSON form.
 */
export interface ResponseAction {
  status_code?: number | string;
  content?: string;
  action: "ignore";
}

export function createIgnoreMatcher(
  actions: readonly ResponseAction[],
): ((status: number, text: string) => boolean) | undefined {
  const ignoring = actions.filter(
    (action) =>
      action.action === "ignore" &&
      (action.status_code !== undefined || action.content !== undefined),
  );
  if (ignoring.length === 0) return undefined;
  return (status, text) =>
    ignoring.some(
      (action) =>
        (action.status_code === undefined || Number(action.status_code) === status) &&
        (action.content === undefined || text.includes(action.content)),
    );
}
