// The track and thumb of a switch; the semantics live on the button that wraps it.
export function SwitchVisual({ on }: { on: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={`relative inline-flex h-7 w-12 shrink-0 items-center rounded-full border-2 transition-colors ${
        on ? "border-brand-700 bg-brand-700" : "border-slate-600 bg-white"
      }`}
    >
      <span
        className={`inline-block h-5 w-5 rounded-full transition-transform ${
          on ? "translate-x-5 bg-white" : "translate-x-0.5 bg-slate-600"
        }`}
      />
    </span>
  );
}
