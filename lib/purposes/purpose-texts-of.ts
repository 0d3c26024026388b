import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { purposes, type PurposeTexts } from "@/db/schema";

/**
 * The texts a purpose key is shown by in a customer's records: its published version's, or
 * for a purpose since retired its last version's; null for a key never published. A scalar
 * subquery, so it adds no rows to the query it sits in (several versions share a key).
 */
export function purposeTextsOf(key: AnyColumn): SQL<PurposeTexts | null> {
  return sql<PurposeTexts | null>`(
    select ${purposes.texts} from ${purposes}
    where ${purposes.key} = ${key} and ${purposes.status} in ('published', 'retired')
    order by ${purposes.status} = 'published' desc, ${purposes.version} desc
    limit 1)`.mapWith(purposes.texts);
}
