/** How long sign-ins are kept and shown to the customer; older ones are purged. */
export const SIGN_IN_HISTORY_DAYS = 90;
