// The track and thumb of a switch; the semantics live on the button that wraps it.
export function SwitchVisual({ on }: { on: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={on ? "switch-track switch-on" : "switch-track"}
    >
      <span className="switch-thumb" />
    </span>
  );
}
