import "server-only";
import { revalidatePath } from "next/cache";
import { notFound, redirect, unstable_rethrow } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { mayEnterArea, type Area } from "@/lib/auth/areas";
import { currentActor } from "@/lib/current-actor";
import { AppError, isAppError } from "@/lib/errors";
import type { Messages } from "@/messages";
import { fieldErrorKeys, parseFormData, sentValues } from "@/lib/actions/form-data";
import type { ActionFailure } from "@/lib/actions/types";

type Input<S extends z.ZodObject> = z.output<S>;

/** Every namespace of the catalogue, nested ones dotted ("data.inferences"). */
type Namespace<T = Messages> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? K | `${K}.${Namespace<T[K]>}` : never;
}[keyof T & string];

/**
 * How refused input (a failed schema, or an AppError carrying field keys) is told:
 * - `fields`: a message per field, and the shared "Please check what you entered." above them;
 * - `first-field`: a message per field, and the first field's message above them when the area
 *   words it (`<messages>.fieldErrors`), the shared summary otherwise;
 * - `form`: one message for the whole form (the first refusal, looked up as an error), also
 *   given as the `form` field error; `invalid` AppErrors are told the same way.
 */
export type Refusal = "fields" | "first-field" | "form";

type Options<S extends z.ZodObject, O, R extends object, F extends object> = {
  /** Names the action in the log line of an unexpected failure. */
  name: string;
  /**
   * The area whose pages carry the action: anyone who may not enter it gets the same 404 as
   * the area's pages give them, before the post is read (the use case still checks the actor).
   */
  area?: Area;
  schema: S;
  /** The area's message namespace, looked up before the shared `errors` (see `failureFor`). */
  messages?: Namespace;
  refusal?: Refusal;
  /**
   * Fields the page fills in itself (hidden inputs): the customer cannot correct them, so a
   * refusal of one answers with the given `<messages>.errors` key and no field error.
   */
  hiddenFields?: Record<string, string>;
  /** A refused post gives back what was typed (`values`), so a long form keeps it. */
  keepValues?: boolean;
  /** Extra properties of a failure by AppError message key, e.g. `{ reauthRequired: { reauth: true } }`. */
  flags?: Record<string, F>;
  /** After success only; `when` narrows it to successes that changed what pages show. */
  revalidate?: { path: string; type?: "layout" | "page"; when?: (output: O, input: Input<S>) => boolean };
  /** What the form reads on success, besides `ok: true`. */
  ok?: (output: O, input: Input<S>) => R | Promise<R>;
};

/** `actor`: the signed-in principal (`currentActor()`), passed to the use case first; none: a public action. */
type Principal<S extends z.ZodObject, O> =
  | { principal: "actor"; run: (actor: Actor, input: Input<S>) => Promise<O> }
  | { principal: "none"; run: (input: Input<S>) => Promise<O> };

type Redirect<S extends z.ZodObject, O> = {
  /** Where the browser goes after success (after revalidation); the action then returns nothing. */
  redirect: (output: O, input: Input<S>) => string;
};

export type DefinedFailure<F extends object = object> = ActionFailure &
  Partial<F> & { values?: Record<string, string> };
type DefinedAction<T> = (previous: unknown, formData: FormData) => Promise<T>;

/**
 * The one way to write a server action: parse the post with `schema`, resolve the principal,
 * run the use case, revalidate, answer `ok` (or redirect), and map every failure to a
 * localised message. Action files only declare these; see ARCHITECTURE.md.
 */
export function defineAction<S extends z.ZodObject, O, F extends object = object>(
  definition: Omit<Options<S, O, object, F>, "ok"> & Principal<S, O> & Redirect<S, O>,
): DefinedAction<DefinedFailure<F>>;
export function defineAction<S extends z.ZodObject, O, R extends object = object, F extends object = object>(
  definition: Options<S, O, R, F> & Principal<S, O> & { redirect?: undefined },
): DefinedAction<({ ok: true } & R) | DefinedFailure<F>>;
export function defineAction(
  definition: Options<z.ZodObject, unknown, object, object> &
    Principal<z.ZodObject, unknown> &
    Partial<Redirect<z.ZodObject, unknown>>,
): DefinedAction<object> {
  return async (_previous, formData) => {
    let destination: string;
    try {
      // A hand-made post can send any argument list; only a form is a form.
      if (definition.area && !mayEnterArea(await currentActor(), definition.area)) notFound();
      if (!(formData instanceof FormData)) throw new AppError("invalid", { fieldErrors: { form: "invalid" } });
      const parsed = parseFormData(definition.schema, formData);
      if (!parsed.success) throw refusalOf(parsed.error, definition.hiddenFields);
      const input = parsed.data;
      const output =
        definition.principal === "none"
          ? await definition.run(input)
          : await definition.run(await signedInActor(), input);
      const { revalidate } = definition;
      if (revalidate && (revalidate.when?.(output, input) ?? true)) {
        if (revalidate.type) revalidatePath(revalidate.path, revalidate.type);
        else revalidatePath(revalidate.path);
      }
      if (!definition.redirect) return { ok: true, ...(await definition.ok?.(output, input)) };
      destination = definition.redirect(output, input);
    } catch (error) {
      unstable_rethrow(error);
      const failure = await failureFor(error, definition);
      return definition.keepValues && formData instanceof FormData
        ? { ...failure, values: sentValues(formData) }
        : failure;
    }
    redirect(destination);
  };
}

async function signedInActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError("unauthenticated");
  return actor;
}

/** A failed parse as the AppError the use case would have thrown: field keys, or a hidden field's error. */
function refusalOf(error: z.ZodError, hiddenFields: Record<string, string> = {}): AppError {
  const fieldErrors = fieldErrorKeys(error);
  const hidden = Object.keys(fieldErrors).find((field) => Object.hasOwn(hiddenFields, field));
  if (hidden) return new AppError("invalid", { messageKey: hiddenFields[hidden] });
  return new AppError("invalid", { fieldErrors });
}

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/** The first key the catalogue has, with its text; the last key is a shared one that always exists. */
function lookup(t: Translate, keys: (string | null)[]): { key: string; message: string } {
  const present = keys.filter((key): key is string => key !== null);
  const key = present.find((candidate) => t.has(candidate)) ?? present[present.length - 1]!;
  return { key, message: t(key) };
}

/**
 * THE error mapping of every action, most specific first:
 * - field keys: `<ns>.fieldErrors.<key>`, `errors.fields.<key>`, `<ns>.fieldErrors.invalid`, `errors.fields.invalid`;
 * - an AppError: `<ns>.errors.<messageKey>`, `errors.<messageKey>`, `errors.<code>`;
 * - anything else is logged by class name only (never its message, which may hold personal
 *   data) and answered with `<ns>.errors.unexpected` or `errors.unexpected`.
 */
async function failureFor(
  error: unknown,
  definition: Pick<Options<z.ZodObject, unknown, object, object>, "name" | "messages" | "refusal" | "flags">,
): Promise<DefinedFailure> {
  const t = await getTranslations();
  const ns = definition.messages;
  const area = (key: string) => (ns ? `${ns}.${key}` : null);
  if (!isAppError(error)) {
    console.error(`[tillit] ${definition.name} failed: ${error instanceof Error ? error.name : "unknown error"}`);
    return { ok: false, message: lookup(t, [area("errors.unexpected"), "errors.unexpected"]).message, fieldErrors: {} };
  }
  const flags = definition.flags?.[error.messageKey];
  const errorMessage = (key: string) =>
    lookup(t, [area(`errors.${key}`), `errors.${key}`, `errors.${error.code}`]).message;
  const fieldKeys = Object.entries(error.fieldErrors);

  if (definition.refusal === "form" && error.code === "invalid") {
    const message = errorMessage(fieldKeys[0]?.[1] ?? error.messageKey);
    return { ok: false, message, fieldErrors: { form: message }, ...flags };
  }
  if (fieldKeys.length === 0) return { ok: false, message: errorMessage(error.messageKey), fieldErrors: {}, ...flags };

  const found = fieldKeys.map(([field, key]) => ({
    field,
    ...lookup(t, [
      area(`fieldErrors.${key}`),
      `errors.fields.${key}`,
      area("fieldErrors.invalid"),
      "errors.fields.invalid",
    ]),
  }));
  const lead = found[0]!;
  const worded = definition.refusal === "first-field" && ns !== undefined && lead.key.startsWith(`${ns}.`);
  return {
    ok: false,
    message: worded ? lead.message : t("errors.invalid"),
    fieldErrors: Object.fromEntries(found.map(({ field, message }) => [field, message])),
    ...flags,
  };
}
