import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { mayEnterArea } from "@/lib/auth/areas";
import { currentActor } from "@/lib/current-actor";

export default async function SupportLayout({ children }: { children: ReactNode }) {
  if (!mayEnterArea(await currentActor(), "support")) notFound();
  return children;
}
