import type { ConsentCheck, ConsentDecision } from "./check-consent";

// The JSON shapes of the decision API (api-operations.ts documents them).

export function consentDecisionJson(check: ConsentCheck, result: ConsentDecision) {
  return {
    customer: result.customer,
    decision: result.decision,
    reason: result.reason,
    purpose: check.purpose,
    channel: check.channel,
    consentVersion: result.consentVersion,
    since: result.since?.toISOString() ?? null,
    expiresAt: result.expiresAt?.toISOString() ?? null,
    checkedAt: check.checkedAt.toISOString(),
  };
}

export function bulkCheckJson(check: ConsentCheck) {
  return {
    purpose: check.purpose,
    channel: check.channel,
    checkedAt: check.checkedAt.toISOString(),
    allowed: check.results.filter((r) => r.decision === "allow").length,
    results: check.results.map((r) => ({
      customer: r.customer,
      decision: r.decision,
      reason: r.reason,
      consentVersion: r.consentVersion,
    })),
  };
}
