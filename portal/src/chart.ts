// A line chart as inline SVG: one series of (x, y) points, axes labelled with their extremes.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface Series { title: string; points: { x: number; y: number }[]; formatX: (x: number) => string; formatY: (y: number) => string }

export function lineChart(series: Series, testid: string): SVGElement {
  const width = 640, height = 220, left = 90, right = 10, top = 24, bottom = 30;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', 'data-testid': testid, role: 'img', 'aria-label': series.title });
  root.append(svg('text', { x: left, y: 14, class: 'chart-title' }, series.title));
  const points = series.points;
  if (points.length === 0) {
    root.append(svg('text', { x: left, y: height / 2 }, 'no data yet'));
    return root;
  }
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y0 === y1) { y0 -= 1; y1 += 1; }
  const sx = (x: number): number => left + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (width - left - right);
  const sy = (y: number): number => top + (1 - (y - y0) / (y1 - y0)) * (height - top - bottom);
  root.append(
    svg('line', { x1: left, y1: top, x2: left, y2: height - bottom, class: 'axis' }),
    svg('line', { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, class: 'axis' }),
    svg('text', { x: left - 4, y: top + 4, 'text-anchor': 'end', class: 'tick' }, series.formatY(y1)),
    svg('text', { x: left - 4, y: height - bottom, 'text-anchor': 'end', class: 'tick' }, series.formatY(y0)),
    svg('text', { x: left, y: height - 8, class: 'tick' }, series.formatX(x0)),
    svg('text', { x: width - right, y: height - 8, 'text-anchor': 'end', class: 'tick' }, series.formatX(x1)),
    svg('polyline', { points: points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' '), class: 'line' }),
  );
  return root;
}
