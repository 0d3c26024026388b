// Vitest and the bench run outside Next's react-server build: `server-only` resolves here.
export {};
