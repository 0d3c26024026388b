import { expect, type Locator } from "@playwright/test";

/** Waits until React has hydrated `form`: a field changed before that is put back by hydration. */
export async function hydrated(form: Locator) {
  await expect
    .poll(() => form.evaluate((element) => Object.keys(element).some((k) => k.startsWith("__react"))))
    .toBe(true);
}

/** Sets fields of `form` as a forged POST would: changes the named inputs and adds hidden ones that are missing. */
export async function forgeFields(form: Locator, fields: Record<string, string>) {
  await form.evaluate((element, values) => {
    for (const [name, value] of Object.entries(values)) {
      let input = element.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        element.appendChild(input);
      }
      input.value = value;
    }
  }, fields);
}
