import { closeDb, DataFolderInUseError } from "@/db";
import { ConfigError } from "@/lib/env";

/**
 * Runs a command-line script: exits with its code after closing the database; an error
 * prints its class and message only for the kinds that are meant for the operator
 * (folder in use, configuration), else the class name alone — never a stack with data.
 */
export function runCommand(main: () => Promise<number>): void {
  main()
    .then(async (code) => {
      await closeDb();
      process.exit(code);
    })
    .catch(async (error: unknown) => {
      await closeDb().catch(() => {});
      if (error instanceof DataFolderInUseError || error instanceof ConfigError) {
        console.error(error.message);
        process.exit(1);
      }
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : "unknown error");
      process.exit(1);
    });
}
