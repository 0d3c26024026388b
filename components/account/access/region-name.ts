/** A country's name in the reader's language from its ISO code; the code itself if unknown. */
export function regionName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region", fallback: "code" }).of(code) ?? code;
  } catch {
    return code;
  }
}
