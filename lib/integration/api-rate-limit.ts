// Calls per API client per minute, counted in this process's memory: the decision API is a
// hot read path, and a shared counter in the database would add a contended write to
// every call. With N app processes behind a balancer a client gets up to N × the limit.

export type RateLimitOutcome = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

const WINDOW_MS = 60_000;

export class ApiRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** `maxKeys`: past it, windows that have ended are dropped (keys such as addresses are not a fixed set). */
  constructor(
    private readonly limitPerMinute: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until `key` may go on, or null: whether `take` would refuse, without counting. */
  refusedFor(key: string, now: number = Date.now()): number | null {
    const window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS || window.count < this.limitPerMinute) return null;
    return Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
  }

  take(clientId: string, now: number = Date.now()): RateLimitOutcome {
    if (this.windows.size >= this.maxKeys) {
      for (const [key, ended] of this.windows) if (now - ended.start >= WINDOW_MS) this.windows.delete(key);
    }
    let window = this.windows.get(clientId);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(clientId, window);
    }
    if (window.count >= this.limitPerMinute) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)) };
    }
    window.count++;
    return { allowed: true, remaining: this.limitPerMinute - window.count };
  }
}
