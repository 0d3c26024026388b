import type { ActionFailure, ActionResult } from "@/lib/actions/types";
import type { CustomerViewDto } from "./customer-view";
import type { RevealedFieldDto } from "./reveal-field";

// What the open and reveal forms read (no server-only: client components import these types).

type Refused = ActionFailure & { values?: Record<string, string>; browsingLimit?: boolean };

export type OpenCustomerState = ({ ok: true; view: CustomerViewDto } | Refused) | null;
export type RevealFieldState = ActionResult<{ revealed: RevealedFieldDto }> | null;
