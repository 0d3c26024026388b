import { z } from "zod";

// Every id a browser may send back (a record's id in a hidden field, a URL segment): our ids
// are UUIDs or short ASCII tokens, so anything else — a NUL byte, a percent sign, 10 kB — is
// refused at the edge and never reaches a query.
export const recordIdPattern = /^[A-Za-z0-9-]{1,64}$/;

/** A text id of a record (UUID or seed id); whether it is the actor's own is the use case's business. */
export const recordId = (error = "invalid") => z.string({ error }).trim().regex(recordIdPattern, { error });

/** A numeric id (bigint identity) as it appears in a URL. */
export const numericIdPattern = /^[1-9]\d{0,17}$/;
