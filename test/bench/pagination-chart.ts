/** One bar of the chart: a label under it, its wall time, and the note above it (e.g. the ratio to the loop). */
export interface Bar {
  label: string;
  seconds: number;
  note: string;
}

const WIDTH = 520;
const HEIGHT = 260;
const TOP = 40;
const BOTTOM = 40;
const LEFT = 50;

/** A small self-contained SVG bar chart of wall times: no fonts or scripts from outside. */
export function barChart(title: string, bars: readonly Bar[]): string {
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const max = Math.max(...bars.map((bar) => bar.seconds));
  const slot = (WIDTH - LEFT - 20) / bars.length;
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const parts = bars.map((bar, index) => {
    const height = (bar.seconds / max) * plotHeight;
    const x = LEFT + index * slot + slot * 0.2;
    const y = TOP + plotHeight - height;
    const fill = index === 0 ? "#9aa5b1" : "#2f6fdd";
    return [
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${height.toFixed(1)}" fill="${fill}"/>`,
      `<text x="${(x + slot * 0.3).toFixed(1)}" y="${(y - 6).toFixed(1)}" text-anchor="middle">${escape(`${bar.seconds.toFixed(2)} s ${bar.note}`.trim())}</text>`,
      `<text x="${(x + slot * 0.3).toFixed(1)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${escape(bar.label)}</text>`,
    ].join("\n  ");
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `  <rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `  <text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="13">${escape(title)}</text>`,
    `  <line x1="${LEFT - 5}" y1="${TOP + plotHeight}" x2="${WIDTH - 10}" y2="${TOP + plotHeight}" stroke="#333"/>`,
    `  <text x="12" y="${TOP + plotHeight / 2}" transform="rotate(-90 12 ${TOP + plotHeight / 2})" text-anchor="middle">wall time (s)</text>`,
    `  ${parts.join("\n  ")}`,
    `</svg>`,
    "",
  ].join("\n");
}
