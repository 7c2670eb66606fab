import { createHttpClient } from "../../templates/runtime/client.js";
import { createRedactor } from "../../templates/runtime/redact.js";
import type { PaginatorFactory } from "../../templates/runtime/paginators/paginator.js";
import type { JsonValue, QueryValue } from "../../templates/runtime/request.js";
import { createResource, type Page } from "../../templates/runtime/resource.js";

/** Reads every page of one resource at `baseUrl` with the given paginator, no retries, and returns them. */
export async function collectPages(
  baseUrl: string,
  setup: {
    path?: string;
    paginator: PaginatorFactory;
    dataSelector?: string;
    params?: Record<string, QueryValue>;
    method?: "GET" | "POST";
    json?: { [key: string]: JsonValue };
  },
): Promise<Page<unknown>[]> {
  const client = createHttpClient({ redact: createRedactor([]), retry: { maxRetries: 0 } });
  const resource = createResource<unknown, object>(
    client,
    {
      name: "items",
      baseUrl,
      path: setup.path ?? "/items",
      method: setup.method ?? "GET",
      params: setup.params ?? {},
      headers: {},
      json: setup.json,
      dataSelector: setup.dataSelector ?? "$",
      paginator: setup.paginator,
    },
    {},
  );
  const pages: Page<unknown>[] = [];
  for await (const page of resource.pages()) pages.push(page);
  return pages;
}
