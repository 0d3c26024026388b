import "server-only";

// The operator at a terminal (`npm run api:client`): someone with the server's own
// database access, who may create, rotate and revoke API clients. Audit entries name them
// as the system process "cli". Only command-line scripts get one: it cannot be made inside
// the Next.js server (NEXT_RUNTIME is set there), app/ and components/ may not import this
// file (.dependency-cruiser.cjs), and a look-alike object is not one (only issued ones count).

declare const operatorBrand: unique symbol;
export type OperatorActor = { readonly kind: "operator"; readonly name: "cli"; readonly [operatorBrand]: true };

const issued = new WeakSet<object>();

export function cliOperator(): OperatorActor {
  if (process.env.NEXT_RUNTIME) throw new Error("The operator actor is for command-line tools only");
  const actor = Object.freeze({ kind: "operator", name: "cli" }) as OperatorActor;
  issued.add(actor);
  return actor;
}

export function isOperator(actor: unknown): actor is OperatorActor {
  return typeof actor === "object" && actor !== null && issued.has(actor);
}
