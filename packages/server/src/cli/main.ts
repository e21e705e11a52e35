#!/usr/bin/env node
// The `ordergate` command. Everything is in program.ts; this file only connects it to the process.
import { processIo } from './support/io.js';
import { runCli } from './program.js';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
