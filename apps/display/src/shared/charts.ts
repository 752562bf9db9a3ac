import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type ChartData, type ChartOptions,
} from 'chart.js';

/**
 * Chart.js for the manager and report pages: only the pieces they use are registered (line and bar
 * charts on linear and category scales), so the bundle carries no more of the library than that.
 */
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Legend, Tooltip, Filler);
Chart.defaults.font.family = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif';
Chart.defaults.color = '#40506b';
Chart.defaults.animation = false; // pages redraw on live data; a moving chart reads worse and costs CPU

export { Chart };
export type { ChartConfiguration, ChartData, ChartOptions };

/** A chart in its own sized box, kept across redraws: `update` swaps the data without a new canvas. */
export class KeptChart {
  readonly box: HTMLDivElement;
  private chart: Chart | null = null;

  constructor(height: number, label: string) {
    this.box = document.createElement('div');
    this.box.className = 'chart-box';
    this.box.style.height = `${height}px`;
    this.box.style.position = 'relative';
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label);
    this.box.append(canvas);
  }

  update(config: ChartConfiguration<'line'> | ChartConfiguration<'bar'>): void {
    const c = config as ChartConfiguration;
    const options = { responsive: true, maintainAspectRatio: false, ...c.options } as ChartOptions;
    if (!this.chart) {
      this.chart = new Chart(this.box.querySelector('canvas')!, { ...c, options });
      return;
    }
    this.chart.data = c.data;
    this.chart.options = options;
    this.chart.update('none');
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }
}

/** "09:30" in the hall's time zone, for axis ticks. */
export function clockText(at: number, timeZone?: string): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
}
