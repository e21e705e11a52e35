import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Builds dist/ (the bundle the browser tests load) once before the tests. */
export default function setup(): void {
  execFileSync('pnpm', ['exec', 'tsup', '--silent'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: 'inherit',
  });
}
