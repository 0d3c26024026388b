import type { NewPurpose } from "./seed-types";

const retentionUntilWithdrawn = {
  nb: "Til du trekker samtykket, og senest 24 måneder etter siste bruk.",
  en: "Until you withdraw consent, and at most 24 months after last use.",
};

export const demoPurposes: NewPurpose[] = [
  {
    key: "order_processing",
    dpvPurposes: ["dpv:CustomerOrderManagement", "dpv:DeliveryOfGoods", "dpv:CommunicationForCustomerCare"],
    benefitMetric: "orders_delivered",
    version: 1,
    legalBasis: "contract",
    sortOrder: 10,
    dataCategories: ["identity", "contact", "addresses", "orders", "tickets", "messages"],
    retentionDays: 365 * 3,
    recipients: [{ name: "Posten Bring AS", country: "NO", role: "processor" }],
    channels: ["email"],
    texts: {
      nb: {
        name: "Behandling av bestillingene dine",
        description:
          "Vi bruker navn, adresse og kontaktinformasjon for å ta imot, sende og følge opp bestillingene dine.",
        benefit: "Varene kommer til riktig adresse, og du får kvittering og hjelp ved retur.",
        consequence: "Dette kan ikke slås av fordi vi trenger det for å levere det du har kjøpt (avtale).",
        retention: "Så lenge du er kunde, og tre år etter siste bestilling for reklamasjoner.",
      },
      en: {
        name: "Processing your orders",
        description: "We use your name, address and contact details to take, ship and follow up your orders.",
        benefit: "Your goods arrive at the right address, and you get receipts and help with returns.",
        consequence: "This cannot be switched off because we need it to deliver what you bought (contract).",
        retention: "While you are a customer, and three years after your last order for complaints.",
      },
    },
  },
  {
    key: "bookkeeping",
    dpvPurposes: ["dpv:LegalCompliance", "dpv:RecordManagement"],
    benefitMetric: "receipts_kept",
    version: 1,
    legalBasis: "legal_obligation",
    sortOrder: 20,
    dataCategories: ["identity", "orders"],
    retentionDays: 365 * 5,
    recipients: [{ name: "Skatteetaten", country: "NO", role: "controller" }],
    channels: [],
    texts: {
      nb: {
        name: "Regnskap og bokføring",
        description: "Kvitteringer og fakturaer for kjøpene dine oppbevares slik bokføringsloven krever.",
        benefit: "Du kan alltid få en kopi av kvitteringen din, også for garanti.",
        consequence:
          "Dette kan ikke slås av fordi loven pålegger oss å oppbevare regnskapsbilag (rettslig forpliktelse).",
        retention: "Fem år etter utgangen av regnskapsåret, etter bokføringsloven.",
      },
      en: {
        name: "Bookkeeping",
        description: "Receipts and invoices for your purchases are kept as Norwegian bookkeeping law requires.",
        benefit: "You can always get a copy of your receipt, for warranty claims too.",
        consequence:
          "This cannot be switched off because the law requires us to keep accounting records (legal obligation).",
        retention: "Five years after the end of the financial year, under the Bookkeeping Act.",
      },
    },
  },
  {
    key: "order_sms",
    dpvPurposes: ["dpv:CustomerOrderManagement", "dpv:CommunicationManagement"],
    benefitMetric: "sms_updates",
    version: 1,
    legalBasis: "consent",
    sortOrder: 30,
    consentLifetimeDays: 730,
    dataCategories: ["contact", "orders"],
    retentionDays: 730,
    recipients: [{ name: "Link Mobility AS", country: "NO", role: "processor", carries: ["sms"] }],
    channels: ["sms"],
    texts: {
      nb: {
        name: "Ordreoppdateringer på SMS",
        description: "Vi sender en SMS når bestillingen din er sendt, er på vei og kan hentes.",
        benefit: "Du vet når pakken kommer uten å logge inn eller sjekke e-post.",
        consequence: "Du får oppdateringene bare på e-post og på Din side.",
        retention: retentionUntilWithdrawn.nb,
      },
      en: {
        name: "Order updates by SMS",
        description: "We text you when your order has shipped, is on its way and is ready for pick-up.",
        benefit: "You know when your parcel arrives without signing in or checking email.",
        consequence: "You get updates only by email and on your account page.",
        retention: retentionUntilWithdrawn.en,
      },
    },
  },
  {
    key: "personalised_offers",
    dpvPurposes: ["dpv:PersonalisedAdvertising", "dpv:ProvideProductRecommendations"],
    benefitMetric: "offer_savings",
    version: 2,
    consentLifetimeDays: 730,
    legalBasis: "consent",
    sortOrder: 40,
    dataCategories: ["orders", "interactions", "inferences", "loyalty"],
    retentionDays: 730,
    recipients: [],
    channels: ["email", "push", "post"],
    texts: {
      nb: {
        name: "Personlige tilbud",
        description:
          "Vi bruker kjøpene, besøkene og kundeklubbpoengene dine til å velge ut tilbud som passer for deg, på e-post, i appen og i en katalog i posten.",
        benefit: "Du får rabatter på ting du faktisk kjøper, i stedet for generell reklame.",
        consequence: "Du får fortsatt tilbud, men de samme som alle andre.",
        retention: retentionUntilWithdrawn.nb,
        changeSummary:
          "Nytt i versjon 2: vi bruker også kundeklubbpoengene dine, og tilbudene kan komme i en katalog i posten. Samtykket varer i 24 måneder.",
      },
      en: {
        name: "Personalised offers",
        description:
          "We use your purchases, visits and loyalty points to choose offers that suit you, by email, in the app and in a printed catalogue.",
        benefit: "You get discounts on things you actually buy, instead of generic advertising.",
        consequence: "You still get offers, but the same ones as everyone else.",
        retention: retentionUntilWithdrawn.en,
        changeSummary:
          "New in version 2: we also use your loyalty points, and offers may come in a printed catalogue by post. Consent lasts 24 months.",
      },
    },
  },
  {
    key: "product_analytics",
    dpvPurposes: ["dpv:ServiceUsageAnalytics", "dpv:ImproveExistingProductsAndServices"],
    version: 1,
    legalBasis: "consent",
    sortOrder: 50,
    dataCategories: ["interactions", "devices"],
    retentionDays: 395,
    recipients: [],
    channels: [],
    texts: {
      nb: {
        name: "Produktanalyse",
        description: "Vi måler hvordan du bruker nettbutikken og appen, for å finne det som er tungvint.",
        benefit:
          "Ingen direkte nytte for deg. Det hjelper oss å se hvor nettbutikken og appen er tungvinte, så vi vet hva vi bør gjøre enklere.",
        consequence: "Besøkene dine telles ikke med i analysene våre. Ingenting endrer seg for deg.",
        retention: "Til du trekker samtykket, og senest 13 måneder.",
      },
      en: {
        name: "Product analytics",
        description: "We measure how you use the web shop and the app, to find what is awkward.",
        benefit:
          "No direct benefit to you. It helps us see where the web shop and the app are awkward, so we know what to make easier.",
        consequence: "Your visits are not counted in our analyses. Nothing changes for you.",
        retention: "Until you withdraw consent, and at most 13 months.",
      },
    },
  },
  {
    key: "newsletter",
    dpvPurposes: ["dpv:DirectMarketing"],
    benefitMetric: "newsletters",
    version: 1,
    legalBasis: "consent",
    sortOrder: 60,
    // The mail greets the customer by name.
    dataCategories: ["identity", "contact"],
    retentionDays: 730,
    recipients: [{ name: "Mailchimp (Intuit Inc.)", country: "US", role: "processor", carries: ["email"] }],
    channels: ["email"],
    texts: {
      nb: {
        name: "Nyhetsbrev",
        description: "Et nyhetsbrev på e-post omtrent annenhver uke med nyheter og sesongtilbud.",
        benefit: "Du får vite om salg og nyheter før de annonseres andre steder.",
        consequence: "Du får ikke nyhetsbrevet. Kvitteringer og ordreinformasjon kommer fortsatt.",
        retention: retentionUntilWithdrawn.nb,
      },
      en: {
        name: "Newsletter",
        description: "An email newsletter about every other week with news and seasonal offers.",
        benefit: "You hear about sales and news before they are advertised elsewhere.",
        consequence: "You do not get the newsletter. Receipts and order information still arrive.",
        retention: retentionUntilWithdrawn.en,
      },
    },
  },
  {
    key: "delivery_partner_sharing",
    dpvPurposes: ["dpv:SellDataToThirdParties", "dpv:DeliveryOfGoods"],
    benefitMetric: "partner_notifications",
    version: 1,
    legalBasis: "consent",
    sortOrder: 70,
    dataCategories: ["contact", "addresses"],
    retentionDays: 180,
    recipients: [{ name: "Posten Bring AS", country: "NO", role: "controller" }],
    channels: ["sms", "email"],
    sharesWithThirdParties: true,
    texts: {
      nb: {
        name: "Deling med leveringspartner",
        description:
          "Vi deler telefonnummer og e-post med Posten Bring, som da varsler deg direkte og lar deg endre levering.",
        benefit: "Du kan velge hentested og leveringstid selv i Bring-appen.",
        consequence: "Bring får bare adressen som står på pakken, og du må følge pakken hos oss.",
        retention: "Bring sletter opplysningene 180 dager etter levering.",
      },
      en: {
        name: "Sharing with delivery partner",
        description:
          "We share your phone number and email with Posten Bring, who then notify you directly and let you change delivery.",
        benefit: "You can choose the pick-up point and delivery time yourself in the Bring app.",
        consequence: "Bring only gets the address on the parcel, and you follow the parcel with us.",
        retention: "Bring deletes the details 180 days after delivery.",
      },
    },
  },
  {
    key: "loyalty_programme",
    dpvPurposes: ["dpv:CustomerRelationshipManagement", "dpv:PersonalisedBenefits"],
    benefitMetric: "loyalty_points",
    version: 1,
    legalBasis: "contract",
    sortOrder: 25,
    dataCategories: ["identity", "contact", "orders", "loyalty"],
    retentionDays: 365 * 2,
    recipients: [],
    channels: ["email"],
    texts: {
      nb: {
        name: "Kundeklubben",
        description: "Vi registrerer kjøpene dine som poeng i kundeklubben og holder oversikt over nivået ditt.",
        benefit: "Du tjener poeng på hvert kjøp og kan bruke dem som betaling.",
        consequence:
          "Dette kan ikke slås av mens du er medlem, fordi det er selve medlemsavtalen. Du kan melde deg ut ved å slette kontoen.",
        retention: "Så lenge du er medlem, og poenghistorikk i to år.",
      },
      en: {
        name: "Loyalty programme",
        description: "We record your purchases as points in the loyalty programme and keep track of your tier.",
        benefit: "You earn points on every purchase and can pay with them.",
        consequence:
          "This cannot be switched off while you are a member, because it is the membership agreement itself. You can leave by deleting your account.",
        retention: "While you are a member, and points history for two years.",
      },
    },
  },
  {
    key: "service_surveys",
    dpvPurposes: ["dpv:CustomerCare", "dpv:ImproveExistingProductsAndServices"],
    version: 1,
    legalBasis: "legitimate_interest",
    sortOrder: 45,
    dataCategories: ["contact", "orders", "tickets"],
    retentionDays: 365,
    recipients: [],
    channels: ["email", "sms"],
    texts: {
      nb: {
        name: "Spørsmål om hvordan det gikk",
        description: "Etter et kjøp eller en sak hos kundeservice kan vi spørre deg om hvordan det gikk.",
        benefit:
          "Ingen direkte nytte for deg. Svarene dine viser oss hva som gikk galt, så vi kan gjøre leveringene og kundeservicen bedre.",
        consequence: "Du får ingen slike spørsmål. Ingenting annet endrer seg.",
        retention: "Svarene oppbevares i 12 måneder.",
      },
      en: {
        name: "Asking how it went",
        description: "After a purchase or a support case we may ask you how it went, so that we get better.",
        benefit:
          "No direct benefit to you. Your answers show us what went wrong, so we can improve our deliveries and customer service.",
        consequence: "You get no such questions. Nothing else changes.",
        retention: "Answers are kept for 12 months.",
      },
    },
  },
];

/** Versions no longer published; consents given to them stay on record. */
export const demoRetiredPurposes: NewPurpose[] = [
  {
    key: "personalised_offers",
    dpvPurposes: ["dpv:PersonalisedAdvertising", "dpv:ProvideProductRecommendations"],
    benefitMetric: "offer_savings",
    version: 1,
    legalBasis: "consent",
    sortOrder: 40,
    dataCategories: ["orders", "interactions", "inferences"],
    retentionDays: 730,
    recipients: [],
    channels: ["email", "push"],
    texts: {
      nb: {
        name: "Personlige tilbud",
        description: "Vi bruker kjøpene og besøkene dine til å velge ut tilbud som passer for deg.",
        benefit: "Du får rabatter på ting du faktisk kjøper, i stedet for generell reklame.",
        consequence: "Du får fortsatt tilbud, men de samme som alle andre.",
        retention: retentionUntilWithdrawn.nb,
      },
      en: {
        name: "Personalised offers",
        description: "We use your purchases and visits to choose offers that suit you.",
        benefit: "You get discounts on things you actually buy, instead of generic advertising.",
        consequence: "You still get offers, but the same ones as everyone else.",
        retention: retentionUntilWithdrawn.en,
      },
    },
  },
];
