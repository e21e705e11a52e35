/**
 * Bounds how many calls run at once and how many start per second (a token bucket refilled
 * continuously). Both are needed: Odoo.sh and reverse proxies answer 429 to bursts, and a single
 * worker Odoo serialises requests anyway.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private tokens: number;
  private last: number;

  constructor(
    private readonly maxConcurrent: number,
    private readonly perSecond: number,
    private readonly hooks: { sleep: (ms: number) => Promise<void>; now: () => number },
  ) {
    this.tokens = perSecond > 0 ? perSecond : 0;
    this.last = hooks.now();
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      await this.takeToken();
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.maxConcurrent) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private async takeToken(): Promise<void> {
    if (!(this.perSecond > 0) || !Number.isFinite(this.perSecond)) return;
    for (;;) {
      const now = this.hooks.now();
      this.tokens = Math.min(
        this.perSecond,
        this.tokens + ((now - this.last) / 1000) * this.perSecond,
      );
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.hooks.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }
}
