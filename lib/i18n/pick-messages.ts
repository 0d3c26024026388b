import type { Messages } from "@/messages";

type Catalogue = { [key: string]: Catalogue | unknown };

/** A namespace or a message of the catalogue, dotted: "export", "requests.restriction", "purposes.on". */
export type MessagePath<T = Messages> = {
  [K in keyof T & string]: T[K] extends string ? K : K | `${K}.${MessagePath<T[K]>}`;
}[keyof T & string];

/**
 * The parts of a catalogue named by `paths`, in the catalogue's own shape, and nothing
 * else: what a client component is sent. A path that names nothing is a mistake in the
 * calling code, so it throws rather than leave a component showing message keys.
 */
export function pickMessages(messages: Catalogue, paths: readonly string[]): Catalogue {
  const picked: Catalogue = {};
  for (const path of paths) {
    const keys = path.split(".");
    let source: unknown = messages;
    let target = picked;
    keys.forEach((key, index) => {
      if (typeof source !== "object" || source === null || !(key in source)) {
        throw new Error(`No messages at "${path}"`);
      }
      source = (source as Catalogue)[key];
      if (index === keys.length - 1) target[key] = source;
      else target = (target[key] ??= {}) as Catalogue;
    });
  }
  return picked;
}
