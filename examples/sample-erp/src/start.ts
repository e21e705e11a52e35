/**
 * `pnpm start`: the sample ERP and the ordergate service with its order desk, together
 * (`launchDemo`, decision 028). `PORT` (default 8080) is the service's port, `SAMPLE_ERP_PORT`
 * (default 4000) the sample ERP's; Ctrl-C or SIGTERM stops both.
 */
import { CliError, EXIT } from '../../../packages/server/src/cli/support/exit.js';
import { processIo } from '../../../packages/server/src/cli/support/io.js';
import { launchDemo } from './launch.js';

const io = processIo();
try {
  const launched = await launchDemo({ io });
  const stop = (signal: NodeJS.Signals) => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    io.err(`${signal}: stopping the service, then the sample ERP…`);
    void launched.stop().then(
      () => (process.exitCode = EXIT.OK),
      (e: unknown) => {
        io.err(`pnpm start: stopping failed: ${(e as Error).message}`);
        process.exitCode = EXIT.STORE;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  if (e instanceof CliError) {
    io.err(`pnpm start: ${e.message}`);
    for (const line of e.details) io.err(line);
    process.exitCode = e.exitCode;
  } else {
    io.err(`pnpm start: ${(e as Error).message}`);
    process.exitCode = EXIT.INTERNAL;
  }
}
