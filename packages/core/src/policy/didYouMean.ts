/** Edit distance counting a swap of two neighbouring letters as one edit (`jointReveiw`). */
function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  const d: number[] = [];
  const at = (i: number, j: number) => d[i * width + j] ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i <= a.length; i++) {
    for (let j = 0; j <= b.length; j++) {
      let v = i === 0 ? j : j === 0 ? i : 0;
      if (i > 0 && j > 0) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          v = Math.min(v, at(i - 2, j - 2) + 1);
      }
      d[i * width + j] = v;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate a mistyped name most likely meant: the closest by edit distance, when it is
 * within two edits and less than half the name; `undefined` otherwise.
 *
 * @example
 * didYouMean('jointReveiw', ['deadlines', 'jointReview', 'routes']); // 'jointReview'
 * didYouMean('rols', ['roles', 'review']); // 'roles'
 */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.ceil(name.length / 2) - 1);
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
