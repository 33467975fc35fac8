// Maps generation progress (0..1) to a time in the window so that traffic follows a working
// week: busy weekday office hours (UTC), quiet nights, thin weekends.

const HOUR = 60 * 60 * 1000;

function hourWeight(ms: number): number {
  const d = new Date(ms);
  const hour = d.getUTCHours();
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
  const base = hour >= 8 && hour < 18 ? 1 : hour >= 6 && hour < 21 ? 0.35 : 0.08;
  return weekend ? base * 0.2 : base;
}

export class Timeline {
  private readonly starts: number[] = [];
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    readonly startMs: number,
    readonly endMs: number,
  ) {
    let sum = 0;
    for (let t = startMs; t < endMs; t += HOUR) {
      this.starts.push(t);
      sum += hourWeight(t) * (Math.min(t + HOUR, endMs) - t);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  /** The time by which `progress` of the traffic has happened. */
  at(progress: number): number {
    const target = Math.min(Math.max(progress, 0), 1) * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    const before = lo > 0 ? (this.cumulative[lo - 1] as number) : 0;
    const span = (this.cumulative[lo] as number) - before;
    const start = this.starts[lo] as number;
    const width = Math.min(start + HOUR, this.endMs) - start;
    return start + (span > 0 ? ((target - before) / span) * width : 0);
  }

  isNight(ms: number): boolean {
    const hour = new Date(ms).getUTCHours();
    return hour < 6 || hour >= 21;
  }
}
