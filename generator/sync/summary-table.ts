/** The summary `gen-connector sync` prints: one row per resource, then where it all went. */

export interface SummaryLike {
  loadId: string;
  dataset: string;
  destination: string;
  durationMs: number;
  resources: { resource: string; disposition: string; rows: number; pages: number; tables: string[]; durationMs: number }[];
}

export function renderSummary(summary: SummaryLike): string {
  const header = ["resource", "disposition", "rows", "pages", "tables", "seconds"];
  const rows = summary.resources.map((resource) => [
    resource.resource,
    resource.disposition,
    String(resource.rows),
    String(resource.pages),
    resource.tables.join(", "),
    (resource.durationMs / 1000).toFixed(1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 2 || column === 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ").trimEnd();
  return [
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
    "",
    `Loaded into ${summary.destination}, dataset ${summary.dataset}, load ${summary.loadId}, in ${(summary.durationMs / 1000).toFixed(1)} s.`,
  ].join("\n");
}
