import type { CliIo } from './io.js';

/** Reports how far a long command is. */
export interface Progress {
  /** The total is known (or changed). */
  total(n: number): void;
  /** One more unit done. */
  tick(): void;
  /** Finishes the bar or prints the last line. */
  done(): void;
}

const WIDTH = 30;

/**
 * A progress reporter on stderr: a bar redrawn in place on a terminal; on anything else (a pipe,
 * a CI log) a plain line every 10 % and at the end, so logs stay readable. Our own ~40 lines
 * rather than a dependency (decision 021).
 *
 * @example
 * const p = progress(io, 'verifying streams');
 * p.total(streams.length);
 * for (const s of streams) { check(s); p.tick(); }
 * p.done();
 */
export function progress(io: CliIo, label: string): Progress {
  let total = 0;
  let done = 0;
  let lastDecile = -1;
  const render = () => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    if (io.isTTY) {
      const filled = Math.round(share * WIDTH);
      io.errRaw(
        `\r${label} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(done)}/${String(total)}`,
      );
      return;
    }
    const decile = Math.floor(share * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      io.err(`${label}: ${String(done)}/${String(total)} (${String(decile * 10)} %)`);
    }
  };
  return {
    total(n) {
      total = n;
      render();
    },
    tick() {
      done++;
      render();
    },
    done() {
      if (io.isTTY) io.errRaw('\n');
      else if (lastDecile !== 10) io.err(`${label}: ${String(done)}/${String(total)} (100 %)`);
    },
  };
}
