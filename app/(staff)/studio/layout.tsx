import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { StudioNav } from "@/components/studio/studio-nav";
import { mayEnterArea } from "@/lib/auth/areas";
import { currentActor } from "@/lib/current-actor";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  if (!mayEnterArea(await currentActor(), "studio")) notFound();
  return (
    <div className="space-y-6">
      <StudioNav />
      {children}
    </div>
  );
}
