/**
 * Line length per category over today, drawn as plain SVG from samples of the hall state. A charting
 * library would be the biggest thing on the page for a few polylines (apps/display/README.md).
 */
export interface Sample { at: number; values: Record<string, number> }
export interface Series { key: string; label: string; color: string }

const SVG = 'http://www.w3.org/2000/svg';
const W = 640;
const H = 200;
const PAD = { l: 36, r: 8, t: 10, b: 22 };

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export function lineChart(samples: Sample[], series: Series[], opts: { timeZone?: string; unit?: string } = {}): SVGSVGElement {
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img' }) as SVGSVGElement;
  if (samples.length === 0) {
    svg.append(el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, '…'));
    return svg;
  }
  const t0 = samples[0].at;
  const t1 = Math.max(samples[samples.length - 1].at, t0 + 60_000);
  let max = 1;
  for (const s of samples) for (const x of series) max = Math.max(max, s.values[x.key] ?? 0);
  max = niceCeil(max);
  const x = (t: number) => PAD.l + ((t - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - (v / max) * (H - PAD.t - PAD.b);
  for (const v of [0, max / 2, max]) {
    svg.append(el('line', { x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(el('text', { x: PAD.l - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, String(Math.round(v))));
  }
  const fmt = (t: number) => new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: opts.timeZone });
  for (const [t, anchor] of [[t0, 'start'], [(t0 + t1) / 2, 'middle'], [t1, 'end']] as const) {
    svg.append(el('text', { x: x(t), y: H - 6, 'text-anchor': anchor, class: 'tick' }, fmt(t)));
  }
  for (const s of series) {
    const pts = samples.filter((p) => p.values[s.key] !== undefined).map((p) => `${x(p.at).toFixed(1)},${y(p.values[s.key]).toFixed(1)}`);
    if (pts.length) svg.append(el('polyline', { points: pts.join(' '), fill: 'none', stroke: s.color, 'stroke-width': 2.5, 'data-series': s.key }));
  }
  return svg;
}

function niceCeil(v: number): number {
  for (const step of [5, 10, 20, 50, 100, 200, 500, 1000]) if (v <= step) return step;
  return Math.ceil(v / 1000) * 1000;
}

/** Today's samples survive a reload of the page (kept per hall and service day in localStorage). */
export class SampleStore {
  private samples: Sample[] = [];
  private key = '';
  constructor(private readonly hallId: string, private readonly everyMs = 20_000, private readonly max = 3000) {}

  add(day: string, at: number, values: Record<string, number>): boolean {
    const key = `hallq.manager.${this.hallId}.${day}`;
    if (key !== this.key) {
      this.key = key;
      try { this.samples = JSON.parse(localStorage.getItem(key) ?? '[]') as Sample[]; } catch { this.samples = []; }
    }
    const last = this.samples[this.samples.length - 1];
    if (last && at - last.at < this.everyMs && !changed(last.values, values)) return false;
    this.samples.push({ at, values });
    if (this.samples.length > this.max) this.samples.splice(0, this.samples.length - this.max);
    try { localStorage.setItem(key, JSON.stringify(this.samples)); } catch { /* full or private: keep in memory */ }
    return true;
  }

  all(): Sample[] {
    return this.samples;
  }
}

function changed(a: Record<string, number>, b: Record<string, number>): boolean {
  return Object.keys(b).some((k) => a[k] !== b[k]);
}
