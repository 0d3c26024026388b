"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { SignInLink } from "@/lib/auth/sign-in-link";

/**
 * The one press that spends a sign-in link: a plain form POST to the Auth.js callback, so
 * it works without JavaScript. A second press would spend the link again and lose the
 * session the first one made, so the form goes only once.
 */
export function ContinueSignInForm(props: { link: SignInLink; action: string; label: string; pendingLabel: string }) {
  const [sent, setSent] = useState(false);
  return (
    <form
      method="post"
      action={props.action}
      onSubmit={(event) => {
        if (sent) event.preventDefault();
        else setSent(true);
      }}
    >
      <input type="hidden" name="token" value={props.link.token} />
      <input type="hidden" name="email" value={props.link.email} />
      <input type="hidden" name="callbackUrl" value={props.link.callbackUrl} />
      <Button type="submit" aria-disabled={sent}>
        {sent ? props.pendingLabel : props.label}
      </Button>
    </form>
  );
}
