/** The emulator's clock: real time, or real time shifted so that "now" started at a chosen instant. */
export class EmulatorClock {
  private offsetMs = 0;

  constructor(startIso?: string) {
    if (startIso) this.set(startIso);
  }

  /** Moves the clock to `iso` (it keeps ticking from there); null returns to real time. */
  set(iso: string | null): void {
    if (iso === null) {
      this.offsetMs = 0;
      return;
    }
    const target = Date.parse(iso);
    if (Number.isNaN(target)) throw new Error(`not an ISO date: ${iso}`);
    this.offsetMs = target - Date.now();
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }
}
