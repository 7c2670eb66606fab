/** gen-connector's top-level `output` key: how the connector's files are written and what they contain (not part of dlt's config). */
import { Type } from "@sinclair/typebox";
import { strictObject, stringEnum } from "./schema-helpers.js";

export const IMPORT_EXTENSIONS = ["js", "ts"] as const;
export const EMIT_LANGUAGES = ["ts", "js"] as const;
export const DESTINATIONS = ["duckdb", "postgres"] as const;

export const OutputSchema = strictObject(
  {
    import_extension: Type.Optional(
      stringEnum(IMPORT_EXTENSIONS, {
        title: "Import extension",
        description:
          'gen-connector: the extension of the connector\'s relative imports. "js" (default) suits tsc with node16/nodenext/bundler resolution, bundlers, Node (via tsx), Bun; "ts" lets Deno (without --sloppy-imports) and Node\'s type stripping run the files as written, and tsc accept them with allowImportingTsExtensions or rewriteRelativeImportExtensions. The --import-extension option overrides it.',
      }),
    ),
    emit: Type.Optional(
      stringEnum(EMIT_LANGUAGES, {
        title: "Emitted language",
        description:
          'gen-connector: "ts" (default) writes TypeScript sources; "js" writes JavaScript modules with .d.ts declarations beside them, for plain JavaScript projects. The --emit option overrides it.',
      }),
    ),
    destinations: Type.Optional(
      Type.Array(stringEnum(DESTINATIONS, { title: "Destination", description: '"duckdb" or "postgres".' }), {
        uniqueItems: true,
        title: "Destinations",
        description: 'gen-connector: the databases the connector can sync into; only their runtime files are copied. Default: ["duckdb", "postgres"].',
      }),
    ),
  },
  { title: "Output", description: "gen-connector: how the connector's files are written and what they contain." },
);
