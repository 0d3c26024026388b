/** A country's name in the reader's language, from its ISO 3166-1 alpha-2 code (the code itself if unknown). */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region", fallback: "code" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
