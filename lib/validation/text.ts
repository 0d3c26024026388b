import { z } from "zod";

// Characters a person cannot see or that break a line, refused in every text a person types:
// controls (Cc), format characters (Cf: bidi marks, zero-width spaces, U+061C, soft hyphen, BOM),
// line and paragraph separators (Zl, Zp) and lone surrogates (Cs). Stored, they would let a
// name or a reason disguise itself when shown to the customer or to staff. Listing the
// Unicode categories (not single code points) keeps characters added later refused too.
const invisibleInSingleLine = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
// A multi-line field keeps tab, line feed and carriage return; everything else above is refused.
const invisibleInMultiLine = /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}]|(?![\t\n\r])\p{Cc}/u;

/** The message key of a refused invisible character (`errors.fields.invisibleCharacters`). */
export const invisibleCharactersKey = "invisibleCharacters";

// A whole emoji is visible, though its sequence may hold format characters: a family or a
// rainbow flag is joined by U+200D, a Scottish flag is spelled in tag characters. Taken out
// before the test; a joiner that does not make an emoji stays refused. (A constructor: the
// `v` flag is newer than the compile target.)
const emojiSequence = new RegExp("\\p{RGI_Emoji}", "gv");

export function hasInvisibleCharacters(value: string, options: { multiLine?: boolean } = {}): boolean {
  return (options.multiLine ? invisibleInMultiLine : invisibleInSingleLine).test(value.replace(emojiSequence, ""));
}

/**
 * Refuses invisible characters in a string schema, checked before any trim (trim removes
 * U+2028 and U+FEFF, which would hide them). `multiLine` keeps line breaks and tabs.
 * Use it on every text field a person fills in; earlier, more specific checks keep their message.
 */
export function withoutInvisibleCharacters<T extends z.ZodString>(schema: T, options: { multiLine?: boolean } = {}): T {
  return schema.refine((value) => !hasInvisibleCharacters(value, options), { error: invisibleCharactersKey });
}

/** A string without invisible characters; `required` is the message of a missing or non-string value. */
export function visibleText(options: { multiLine?: boolean; required?: string } = {}) {
  const base = z.string(options.required ? { error: options.required } : undefined);
  return withoutInvisibleCharacters(base, options);
}
