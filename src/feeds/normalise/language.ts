/** `en-US`, `fr_FR`, `FR` → `en`, `fr`; anything that is not a language tag → null. */
export function primaryLanguage(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const primary = raw.trim().split(/[-_]/)[0]?.toLowerCase() ?? "";
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}
