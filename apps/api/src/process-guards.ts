/**
 * Keep the API serving when an error escapes every handler (a driver callback, a timer, a stray
 * promise): log it and carry on instead of exiting, so one request can never take the process (and
 * with it `npm start`) down. Requests themselves are isolated by Apollo and express; this is the net
 * under everything else.
 */
export function installProcessGuards(
  log: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
): void {
  process.on('uncaughtException', (e) => log('api: uncaught exception (still serving)', e));
  process.on('unhandledRejection', (e) => log('api: unhandled rejection (still serving)', e));
}
