/** A purpose card's id (its anchor), scoped when one purpose's card is shown more than once on a page. */
export const purposeCardId = (key: string, scope?: string) => (scope ? `purpose-${scope}-${key}` : `purpose-${key}`);
