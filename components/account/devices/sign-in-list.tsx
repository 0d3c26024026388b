import { getFormatter, getTranslations } from "next-intl/server";
import type { SignInDto } from "@/lib/sessions/list-sign-ins";
import { deviceName } from "./device-name";

export async function SignInList({ signIns, limit }: { signIns: SignInDto[]; limit: number }) {
  const t = await getTranslations("devices");
  const format = await getFormatter();
  if (signIns.length === 0) return <p>{t("signInsEmpty")}</p>;
  return (
    <>
      <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {signIns.map((signIn) => (
          <li key={signIn.id} className="flex flex-wrap justify-between gap-x-6 gap-y-1 px-4 py-3">
            <time dateTime={signIn.occurredAt.toISOString()} className="font-medium">
              {format.dateTime(signIn.occurredAt, { dateStyle: "long", timeStyle: "short" })}
            </time>
            <span className="break-words">{deviceName(t, signIn)}</span>
          </li>
        ))}
      </ol>
      {signIns.length >= limit ? <p className="text-sm">{t("signInsLimited", { count: limit })}</p> : null}
    </>
  );
}
