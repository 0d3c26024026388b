/**
 * Group commit for a hot statement: for each key at most `inFlight` statements run at once
 * (and `maxInFlight` over all keys); calls that arrive while their key's statements run
 * wait, and the next statement for that key serves every waiting call of it at once (up to
 * `maxGroup`). An unhurried call runs alone at once (no timer, no added wait); under load,
 * many calls share one round trip and one commit — on a small machine the round trip, not
 * the work, is most of a call's cost.
 *
 * A call is answered by a statement that starts after it arrived, never by one already
 * running: it sees every change committed before it was made (a withdrawal counts at once).
 * Two calls with the same `item` (the same customer asked about twice) never share a group:
 * each must stay a read of its own in the customer's access log. A failed statement fails
 * every call it served.
 *
 * A statement still running after `slowAfterMs` stops counting against the limits (it may be
 * waiting on a lock one customer's row holds, e.g. during her erasure): the calls behind it
 * are not held up by it for longer than that.
 */
export type GroupedCalls<In, Out> = {
  call(input: In): Promise<Out>;
  /** Statements counted against the limits now, and calls waiting for one (tests, diagnostics). */
  readonly load: { running: number; waiting: number };
};

export function groupedCalls<In, Out>(options: {
  inFlight: number;
  maxInFlight: number;
  maxGroup: number;
  slowAfterMs: number;
  /** Calls with different keys never share a statement. */
  keyOf: (input: In) => string;
  itemOf: (input: In) => string;
  /** One statement for the group; one answer per input, in the inputs' order. */
  run: (inputs: In[]) => Promise<Out[]>;
}): GroupedCalls<In, Out> {
  type Waiting = {
    input: In;
    key: string;
    item: string;
    resolve: (out: Out) => void;
    reject: (error: unknown) => void;
  };
  let running = 0;
  const runningByKey = new Map<string, number>();
  let waiting: Waiting[] = [];

  const start = (key: string, group: Waiting[]) => {
    running++;
    runningByKey.set(key, (runningByKey.get(key) ?? 0) + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      running--;
      const left = runningByKey.get(key)! - 1;
      if (left === 0) runningByKey.delete(key);
      else runningByKey.set(key, left);
      pump();
    };
    const slow = setTimeout(release, options.slowAfterMs);
    slow.unref?.();
    Promise.resolve()
      .then(() => options.run(group.map((call) => call.input)))
      .then((answers) => {
        if (answers.length !== group.length) throw new Error("groupedCalls: one answer per call");
        group.forEach((call, i) => call.resolve(answers[i]!));
      })
      .catch((error: unknown) => group.forEach((call) => call.reject(error)))
      .finally(() => {
        clearTimeout(slow);
        release();
      });
  };

  const pump = () => {
    // The oldest waiting call whose key may start a statement now, with every waiting call
    // of that key; calls of a key at its limit keep their place.
    for (let i = 0; running < options.maxInFlight && i < waiting.length;) {
      const key = waiting[i]!.key;
      if ((runningByKey.get(key) ?? 0) >= options.inFlight) {
        i++;
        continue;
      }
      const group: Waiting[] = [];
      const items = new Set<string>();
      const rest: Waiting[] = [];
      for (const call of waiting) {
        if (group.length < options.maxGroup && call.key === key && !items.has(call.item)) {
          group.push(call);
          items.add(call.item);
        } else {
          rest.push(call);
        }
      }
      waiting = rest;
      start(key, group);
    }
  };

  return {
    call: (input) =>
      new Promise<Out>((resolve, reject) => {
        waiting.push({ input, key: options.keyOf(input), item: options.itemOf(input), resolve, reject });
        pump();
      }),
    get load() {
      return { running, waiting: waiting.length };
    },
  };
}
