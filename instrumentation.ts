export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startServer } = await import("./lib/startup");
    await startServer();
    const { startConfiguredApiListener } = await import("./app/api/v1/api-listener");
    await startConfiguredApiListener();
  }
}
