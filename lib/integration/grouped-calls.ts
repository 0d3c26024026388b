/**
 * Group commit for a hot statement: at most `inFlight` statements run at once; calls that
 * arrive while they run wait, and the next statement serves every waiting call with the
 * oldest one's key (up to `maxGroup`) at once. An unhurried call runs alone at once (no
 * timer, no added wait); under load, many calls share one round trip and one commit — on a
 * small machine the round trip, not the work, is most of a call's cost.
 *
 * A call is answered by a statement that starts after it arrived, never by one already
 * running: it sees every change committed before it was made (a withdrawal counts at once).
 * Two calls with the same `item` (the same customer asked about twice) never share a group:
 * each must stay a read of its own in the customer's access log. A failed statement fails
 * every call it served.
 */
export type GroupedCalls<In, Out> = {
  call(input: In): Promise<Out>;
  /** Statements running now, and calls waiting for one (for tests and diagnostics). */
  readonly load: { running: number; waiting: number };
};

export function groupedCalls<In, Out>(options: {
  inFlight: number;
  maxGroup: number;
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
  let waiting: Waiting[] = [];

  const start = (group: Waiting[]) => {
    running++;
    Promise.resolve()
      .then(() => options.run(group.map((call) => call.input)))
      .then((answers) => {
        if (answers.length !== group.length) throw new Error("groupedCalls: one answer per call");
        group.forEach((call, i) => call.resolve(answers[i]!));
      })
      .catch((error: unknown) => group.forEach((call) => call.reject(error)))
      .finally(() => {
        running--;
        pump();
      });
  };

  const pump = () => {
    while (running < options.inFlight && waiting.length > 0) {
      const key = waiting[0]!.key;
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
      start(group);
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
