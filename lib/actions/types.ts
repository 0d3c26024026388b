// Shared by server actions and the client components that call them (no server-only here).
export type ActionFailure = { ok: false; message: string; fieldErrors: Record<string, string> };
export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

/** A server action used with useActionState; pages pass it to components as a prop. */
export type FormAction<S> = (previous: S, formData: FormData) => Promise<S>;
