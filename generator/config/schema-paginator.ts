/**
 * `paginator` (reference §3): a type name, or an object whose `type` selects the variant and whose
 * other keys are that variant's parameters. Defaults quoted in descriptions are dlt's.
 */
import { Type } from "@sinclair/typebox";
import { definition, described, jsonPath, strictObject, stringEnum, text } from "./schema-helpers.js";

export const PAGINATOR_TYPES = [
  "auto",
  "single_page",
  "header_link",
  "json_link",
  "json_response",
  "cursor",
  "header_cursor",
  "offset",
  "page_number",
] as const;

const stopAfterEmptyPage = (defaultValue: boolean) =>
  Type.Boolean({
    title: "Stop after empty page",
    description: `Stop as soon as a page has no records (after data_selector). Default: ${String(defaultValue)}.`,
  });

const hasMorePath = jsonPath({
  title: "Has-more path",
  description:
    "JSONPath to a boolean (or a yes/no string) in the response saying whether more pages exist; when set, it decides alone.",
});

const totalPath = (counts: string) =>
  Type.Union(
    [
      jsonPath({ title: "Total path", description: `JSONPath to the total number of ${counts}.` }),
      Type.Null({ title: "No total", description: "The response carries no total." }),
    ],
    {
      title: "Total path",
      description: `JSONPath to the total number of ${counts} in the response. Default: "total"; set to null when the API returns no total, or the first page fails.`,
    },
  );

const typeKey = <const T extends readonly string[]>(values: T) =>
  stringEnum(values, { title: "Paginator type", description: "Selects the pagination strategy." });

const SinglePagePaginator = strictObject(
  { type: typeKey(["single_page", "auto"]) },
  {
    title: "Single page or auto-detected paginator",
    description: '"single_page": one request, no pagination. "auto": detect from the first response.',
  },
);

const HeaderLinkPaginator = strictObject(
  {
    type: typeKey(["header_link"]),
    links_next_key: Type.Optional(
      text({
        title: "Link rel",
        description: 'The rel value of the next-page entry in the Link header. Default: "next".',
      }),
    ),
  },
  { title: "Link header paginator", description: "Follows the next-page URL in the HTTP Link header." },
);

const JsonLinkPaginator = strictObject(
  {
    type: typeKey(["json_link", "json_response"]),
    next_url_path: Type.Optional(
      jsonPath({
        title: "Next URL path",
        description: 'JSONPath to the next page\'s URL in the response. Default: "next". Stops when missing or null.',
      }),
    ),
  },
  {
    title: "JSON link paginator",
    description: 'Follows a next-page URL found in the response body ("json_response" is a deprecated alias).',
  },
);

const CursorPaginator = strictObject(
  {
    type: typeKey(["cursor"]),
    cursor_path: Type.Optional(
      jsonPath({
        title: "Cursor path",
        description:
          'JSONPath to the next cursor in the response. Default: "cursors.next". A missing or empty cursor stops.',
      }),
    ),
    cursor_param: Type.Optional(
      text({
        title: "Cursor query parameter",
        description: 'Query parameter that carries the cursor. Default: "cursor". Not together with cursor_body_path.',
      }),
    ),
    cursor_body_path: Type.Optional(
      text({
        title: "Cursor body path",
        description:
          "Dot-separated path where the cursor is written into the JSON body (POST APIs). Not together with cursor_param.",
      }),
    ),
    stop_after_empty_page: Type.Optional(stopAfterEmptyPage(false)),
    has_more_path: Type.Optional(hasMorePath),
  },
  { title: "Cursor paginator", description: "Sends the cursor found in each response with the next request." },
);

const HeaderCursorPaginator = strictObject(
  {
    type: typeKey(["header_cursor"]),
    cursor_key: Type.Optional(
      text({ title: "Cursor header", description: 'Response header holding the next cursor. Default: "next".' }),
    ),
    cursor_param: Type.Optional(
      text({
        title: "Cursor query parameter",
        description: 'Query parameter that carries the cursor. Default: "cursor".',
      }),
    ),
  },
  {
    title: "Header cursor paginator",
    description: "Sends the cursor found in a response header with the next request.",
  },
);

const OffsetPaginator = strictObject(
  {
    type: typeKey(["offset"]),
    limit: Type.Integer({
      minimum: 1,
      title: "Limit",
      description: "Page size: the number of records requested per page, and the step of the offset. Required.",
    }),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, title: "First offset", description: "Offset of the first request. Default: 0." }),
    ),
    offset_param: Type.Optional(
      text({
        title: "Offset query parameter",
        description: 'Query parameter for the offset. Default: "offset". Not together with offset_body_path.',
      }),
    ),
    offset_body_path: Type.Optional(
      text({
        title: "Offset body path",
        description:
          "Dot-separated path where the offset is written into the JSON body. Not together with offset_param.",
      }),
    ),
    limit_param: Type.Optional(
      text({
        title: "Limit query parameter",
        description: 'Query parameter for the limit. Default: "limit". Not together with limit_body_path.',
      }),
    ),
    limit_body_path: Type.Optional(
      text({
        title: "Limit body path",
        description: "Dot-separated path where the limit is written into the JSON body. Not together with limit_param.",
      }),
    ),
    total_path: Type.Optional(totalPath("records")),
    maximum_offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        title: "Maximum offset",
        description: "Stop once the offset reaches this value (exclusive bound).",
      }),
    ),
    stop_after_empty_page: Type.Optional(stopAfterEmptyPage(true)),
    has_more_path: Type.Optional(hasMorePath),
  },
  { title: "Offset paginator", description: "Requests pages by offset and limit." },
);

const PageNumberPaginator = strictObject(
  {
    type: typeKey(["page_number"]),
    base_page: Type.Optional(
      Type.Integer({
        minimum: 0,
        title: "Base page",
        description: "Number of the first page in the API's numbering (usually 0 or 1). Default: 0.",
      }),
    ),
    page: Type.Optional(
      Type.Integer({
        minimum: 0,
        title: "First page",
        description: "Page number of the first request. Default: base_page.",
      }),
    ),
    page_param: Type.Optional(
      text({
        title: "Page query parameter",
        description: 'Query parameter for the page number. Default: "page". Not together with page_body_path.',
      }),
    ),
    page_body_path: Type.Optional(
      text({
        title: "Page body path",
        description:
          "Dot-separated path where the page number is written into the JSON body. Not together with page_param.",
      }),
    ),
    total_path: Type.Optional(totalPath("pages")),
    maximum_page: Type.Optional(
      Type.Integer({
        minimum: 0,
        title: "Maximum page",
        description: "Stop once the page number reaches this value (exclusive bound).",
      }),
    ),
    stop_after_empty_page: Type.Optional(stopAfterEmptyPage(true)),
    has_more_path: Type.Optional(hasMorePath),
  },
  {
    title: "Page number paginator",
    description: "Requests pages by number; put the page size in params yourself (e.g. per_page).",
  },
);

export const PaginatorTypeSchema = stringEnum(PAGINATOR_TYPES, {
  title: "Paginator type",
  description: 'A paginator with default settings. "offset" needs a limit, so it must be written as an object.',
});

export const PaginatorSchema = definition(
  "Paginator",
  Type.Union(
    [
      PaginatorTypeSchema,
      SinglePagePaginator,
      HeaderLinkPaginator,
      JsonLinkPaginator,
      CursorPaginator,
      HeaderCursorPaginator,
      OffsetPaginator,
      PageNumberPaginator,
    ],
    {
      title: "Paginator",
      description: "How to request the next page: a paginator type name, or an object with a type.",
    },
  ),
);

/** The paginator schema documented for the key it appears under. */
export const paginator = (description: string) => described(PaginatorSchema, { title: "Paginator", description });
