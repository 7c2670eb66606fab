import { describe, expect, it } from "vitest";
import { commentText, identifier, propertyKey, stringLiteral, typeName, uniqueNames } from "../../generator/emit/literal.js";
import { createHttpClient } from "../../templates/runtime/client.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import { startServer } from "../support/http-server.js";
import { INJECTION_PAYLOADS } from "../support/payloads.js";

describe("the escaping layer against every payload", () => {
  it.each(INJECTION_PAYLOADS.map((payload) => [JSON.stringify(payload), payload]))("%s round-trips as a literal and a key", (_shown, payload) => {
    expect(new Function(`return ${stringLiteral(payload)};`)()).toBe(payload);
    expect(Object.keys(new Function(`return { ${propertyKey(payload)}: 1 };`)() as object)).toEqual([payload]);
    expect(/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(identifier(payload))).toBe(true);
    expect(/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(typeName(payload))).toBe(true);
    // A comment holding the payload is still one comment.
    expect(new Function(`/** ${commentText(payload)} */ return 1;`)()).toBe(1);
  });

  it("renames colliding and reserved identifiers deterministically", () => {
    const names = ["class", "Class", "a-b", "a_b", "aB", "constructor"].map(identifier);
    expect(names).toEqual(["class_", "class_", "aB", "aB", "aB", "constructor"]);
    expect(uniqueNames(names)).toEqual(["class_", "class_2", "aB", "aB2", "aB3", "constructor"]);
  });

  it("keeps @ts-ignore and @ts-expect-error in a description from becoming a directive", () => {
    expect(commentText("x\n@ts-ignore")).toBe("x\n\\@ts-ignore");
    expect(commentText("@ts-expect-error")).not.toMatch(/^@ts-/);
  });
});

describe("JSON bodies with keys that look like something else", () => {
  it.each(["constructor", "buffer", "toJSON", "__proto__"])("sends a body with the key %s as JSON", async (key) => {
    const server = await startServer((_request, response) => {
      response.end("{}");
    });
    try {
      const json = JSON.parse(`{${JSON.stringify(key)}: [1, {"a": "b"}]}`) as { [key: string]: [number, { a: string }] };
      await createHttpClient({ redact: createRedactor([]) }).send({ method: "POST", url: `${server.url}/x`, query: {}, headers: {}, json }, "x");
      expect(server.requests[0]!.body).toBe(JSON.stringify(json));
      expect(server.requests[0]!.headers["content-type"]).toBe("application/json");
    } finally {
      await server.close();
    }
  });
});
