/** Waits `ms` milliseconds (the retry and rate-limit timer; the deadlines live in HttpClient). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
