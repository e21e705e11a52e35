/** Waits `ms` milliseconds (the connector's only timer besides axios' timeout). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
