import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { en, nb } from "@/messages";
import { PurposeCardView } from "./purpose-card-view";

const messages = { en, nb };
// What the card reads (as `purposeCardMessages` sends it to the browser).
const cardMessages = (locale: "en" | "nb") => {
  const { purposes, purposeCard, moreDetails } = messages[locale];
  return { purposes, purposeCard, moreDetails };
};

function render(locale: "en" | "nb", answerLabel: string) {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={cardMessages(locale)} timeZone="Europe/Oslo">
      <PurposeCardView
        text={{
          key: "personalised_offers",
          name: "Personalised offers",
          description: "d",
          benefit: "b",
          consequence: { label: "ifOff", text: "c" },
          details: true,
          answerPending: { href: "/account/purposes/personalised_offers#change", label: answerLabel },
        }}
        control={<p className="state">v1</p>}
      />
    </NextIntlClientProvider>,
  );
}

describe("PurposeCardView", () => {
  it("shows the answer link and the details link as two separate, spaced items, in both languages", () => {
    for (const [locale, answer, details] of [
      ["en", messages.en.purposeCard.answerPending, messages.en.moreDetails.purpose],
      ["nb", messages.nb.purposeCard.answerPending, messages.nb.moreDetails.purpose],
    ] as const) {
      const html = render(locale, answer);
      const list = html.match(/<ul class="card-links">(.*?)<\/ul>/)?.[1];
      expect(list, locale).toBeDefined();
      const items = [...list!.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!);
      expect(
        items.map((item) => item.replace(/<[^>]+>/g, "")),
        locale,
      ).toEqual([`${answer}: Personalised offers`, `${details}: Personalised offers`]);
      // Each item is one link, nothing run together with the next.
      for (const item of items) expect(item.match(/<a /g), locale).toHaveLength(1);
    }
  });
});
