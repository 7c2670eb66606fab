import type { InitCoverage } from "../../generator/init/init.js";

/** Why a list was left out, without the values that differ per operation, for counting. */
function reasonKind(why: string): string {
  if (why.startsWith("needs the search term")) return "needs a search term";
  if (why === "deprecated") return "deprecated";
  if (why.startsWith("a child")) return "child refused";
  return why.replace(/"[^"]*"/g, "…");
}

/** The coverage of one corpus spec as a table row: GET operations, lists, resources kept, and why the others were left out. */
export function coverageRow(spec: string, coverage: InitCoverage): string {
  const counts = new Map<string, number>();
  for (const { why } of coverage.leftOut) counts.set(reasonKind(why), (counts.get(reasonKind(why)) ?? 0) + 1);
  const reasons = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([why, count]) => `${count} ${why}`)
    .join("; ");
  return `| ${spec} | ${coverage.getOperations} | ${coverage.lists} | ${coverage.resources} | ${reasons === "" ? "none" : reasons} |`;
}

export const COVERAGE_HEADER = ["| spec | GET operations | lists | resources | lists left out, and why |", "| --- | ---: | ---: | ---: | --- |"];
