export type Sample = { name: string; latenciesMs: number[]; wallMs: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)]!;
}

export function summarise(sample: Sample) {
  const sorted = [...sample.latenciesMs].sort((a, b) => a - b);
  return {
    scenario: sample.name,
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    throughput: sorted.length / (sample.wallMs / 1000),
  };
}

export function printTable(samples: Sample[]) {
  const rows = samples.map(summarise);
  const header = ["scenario", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "ops/s"];
  const body = rows.map((r) => [
    r.scenario,
    String(r.n),
    r.p50.toFixed(2),
    r.p95.toFixed(2),
    r.p99.toFixed(2),
    r.max.toFixed(2),
    r.throughput.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) console.log(line(row));
}

/** Runs `op` `iterations` times with `concurrency` in flight; records each latency. */
export async function measure(
  name: string,
  options: { iterations: number; concurrency: number; warmup?: number },
  op: (i: number) => Promise<unknown>,
): Promise<Sample> {
  for (let i = 0; i < (options.warmup ?? 0); i++) await op(-1 - i);
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let i = next++; i < options.iterations; i = next++) {
        const t0 = performance.now();
        await op(i);
        latenciesMs.push(performance.now() - t0);
      }
    }),
  );
  return { name, latenciesMs, wallMs: performance.now() - started };
}

type Way = { name: string; op: (i: number) => Promise<unknown> };

/**
 * Several ways of doing the same thing, compared: each runs `iterations` in `rounds` parts,
 * taking turns (the order shifts every round), so that a machine whose speed drifts over
 * minutes, or the garbage one of them leaves behind, weighs on each alike. One sample per
 * way, in the given order: every latency, the time of its own parts only.
 */
export async function measureInTurns<const W extends readonly Way[]>(
  ways: W,
  options: { iterations: number; concurrency: number; rounds: number; warmup?: number },
): Promise<{ [K in keyof W]: Sample }> {
  const samples = ways.map(({ name }): Sample => ({ name, latenciesMs: [], wallMs: 0 }));
  const perRound = Math.ceil(options.iterations / options.rounds);
  for (let round = 0; round < options.rounds; round++) {
    const iterations = Math.min(perRound, options.iterations - round * perRound);
    for (let k = 0; k < ways.length; k++) {
      const w = (k + round) % ways.length;
      const part = await measure(
        ways[w]!.name,
        { iterations, concurrency: options.concurrency, warmup: round === 0 ? options.warmup : 0 },
        // Each round asks about other customers.
        (i) => ways[w]!.op(i < 0 ? i : round * perRound + i),
      );
      samples[w]!.latenciesMs.push(...part.latenciesMs);
      samples[w]!.wallMs += part.wallMs;
    }
  }
  return samples as { [K in keyof W]: Sample };
}
