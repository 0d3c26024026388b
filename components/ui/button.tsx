import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "ghost";

const styles: Record<Variant, string> = {
  primary: "bg-brand-700 text-white hover:bg-brand-900 disabled:opacity-60",
  secondary: "border border-brand-700 bg-white text-brand-900 hover:bg-brand-50 disabled:opacity-60",
  ghost: "text-brand-900 underline-offset-4 hover:underline",
};

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      className={`inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 text-base font-medium ${styles[variant]} ${className}`}
      {...props}
    />
  );
}
