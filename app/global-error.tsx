"use client";

// Replaces the root layout when that itself fails (for example, the database is down),
// so no message catalogue or stylesheet is available here: both languages, side by side
// (no inline styles either: the CSP forbids them).
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="nb">
      <body>
        <main>
          <h1>Noe gikk galt</h1>
          <p>Tjenesten er ikke tilgjengelig akkurat nå. Prøv igjen om litt.</p>
          <div lang="en">
            <h2>Something went wrong</h2>
            <p>The service is not available right now. Please try again in a moment.</p>
          </div>
          <button type="button" onClick={reset}>
            Prøv igjen / Try again
          </button>
        </main>
      </body>
    </html>
  );
}
