/** The connector's output settings (gen-connector's own; dlt has no such key). */
import { Type } from "@sinclair/typebox";
import { strictObject, stringEnum } from "./schema-helpers.js";

export const DESTINATIONS = ["duckdb", "postgres"] as const;

export const OutputSchema = strictObject(
  {
    destinations: Type.Optional(
      Type.Array(stringEnum(DESTINATIONS, { title: "Destination", description: '"duckdb" or "postgres".' }), {
        uniqueItems: true,
        title: "Destinations",
        description: 'The databases the connector can sync into; only their runtime files are copied. Default: ["duckdb", "postgres"].',
      }),
    ),
  },
  { title: "Output", description: "gen-connector: what the generated connector contains." },
);
