/**
 * How a support agent sees an identifier before opening a customer with a reason: enough
 * to tell two people apart on the phone, not enough to contact or look anyone up.
 */

/** kari.nordmann@example.com → k•••@example.com */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

/** +47 912 34 123 → +47 ••• •• 123 (the country code and the last three digits). */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[^0-9]/g, "");
  if (digits.length < 5) return "•••";
  const country = phone.trim().startsWith("+") && digits.startsWith("47") ? "+47 " : "";
  return `${country}••• •• ${digits.slice(-3)}`;
}

/** Kari Nordmann → Kari N. */
export function maskName(givenName: string, familyName: string): string {
  const initial = familyName.trim().charAt(0);
  return initial ? `${givenName} ${initial}.` : givenName;
}

/** 1985-04-12 → ••.••.•••• (that there is one, nothing of it). */
export function maskBirthDate(birthDate: string | null): string | null {
  return birthDate ? "••.••.••••" : null;
}

/** Storgata 1, 0150 Oslo → •••, Oslo (the town, enough to tell which address is meant). */
export function maskAddress(address: { city: string }): string {
  return `•••, ${address.city}`;
}
