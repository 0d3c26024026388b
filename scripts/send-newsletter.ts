// npm run send:newsletter [-- --batch-size N]
// Demo command: mails the newsletter to every customer whose consent allows it and who
// has not switched email off for it. Uses EMAIL_SERVER when set; otherwise (local demo
// mode) writes each message as an .eml file into <data folder>/outbox/. Prints counts only.
import path from "node:path";
import { parseArgs } from "node:util";
import { getDriver } from "@/db";
import { dataDir } from "@/db/config";
import { migrateDb } from "@/db/migrate";
import { appUrl, env } from "@/lib/env";
import { fileOutbox } from "@/lib/mail/file-outbox";
import { mailTransport } from "@/lib/mail/transport";
import { sendNewsletter } from "@/lib/newsletter/send-newsletter";
import { ensureAuthSecret } from "@/lib/security/secret";
import { runCommand } from "./run-command";

const { values } = parseArgs({ options: { "batch-size": { type: "string", default: "200" } } });
const batchSize = Number(values["batch-size"]);

async function main(): Promise<number> {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    console.error("--batch-size takes a whole number from 1 to 10000");
    return 2;
  }
  // The same secret as the app, so the opt-out links in the mail work there.
  ensureAuthSecret();
  if (!env().AUTH_URL) console.warn(`AUTH_URL is not set: the links in the mail point at ${appUrl()}.`);
  const driver = await getDriver();
  await migrateDb();
  const outbox = env().EMAIL_SERVER ? null : fileOutbox(path.join(dataDir(), "outbox"));
  const smtp = outbox ? null : mailTransport();
  const summary = await sendNewsletter({ transport: outbox ?? smtp!, batchSize });
  smtp?.close();
  if (!summary.published) {
    console.log("The newsletter purpose is not published: nothing was sent.");
    return 0;
  }
  const skipped = summary.skippedNoConsent + summary.skippedEmailOff;
  console.log(
    `newsletter on ${driver}: ${summary.sent} sent, ${skipped} skipped ` +
      `(${summary.skippedNoConsent} without consent, ${summary.skippedEmailOff} with email switched off), ` +
      `${summary.failed} failed`,
  );
  if (outbox) console.log(`local demo mode: ${outbox.written()} messages written to ${outbox.dir}`);
  return summary.failed > 0 ? 1 : 0;
}

runCommand(main);
