// ordergate demo: walks the regulations' own cases through the Ordergate façade and prints what happens.
// Usage: pnpm demo [--lang en|zh]
import { formatFinding, type Finding } from '@ordergate/core';
import { archiveScene } from './scenes/archive.js';
import { changeScene } from './scenes/change.js';
import { contractScene } from './scenes/contract.js';
import { creditAfterConfirmationScene, creditScene } from './scenes/credit.js';
import { reviewScene } from './scenes/review.js';
import type { SceneOutput } from './scenes/SceneOutput.js';

const langArg = process.argv.find((a) => a.startsWith('--lang'));
const langValue = langArg?.includes('=')
  ? langArg.split('=')[1]
  : process.argv[process.argv.indexOf('--lang') + 1];
const lang: 'en' | 'zh' =
  langArg && langValue === 'zh' ? 'zh' : langArg && langValue === 'en' ? 'en' : 'en';

const severityMark: Record<Finding['severity'], string> = {
  block: '⛔',
  approval: '✋',
  warn: '⚠',
  info: 'ℹ',
};

const out: SceneOutput = {
  lang,
  heading: (text) => console.log(`\n── ${text} ${'─'.repeat(Math.max(0, 70 - text.length))}`),
  line: (text) => console.log(text),
  findings: (list) => {
    for (const f of list)
      console.log(`  ${severityMark[f.severity]} ${formatFinding(f, lang)}  〔${f.source}〕`);
  },
};

await reviewScene(out);
await contractScene(out);
await creditScene(out);
await creditAfterConfirmationScene(out);
await changeScene(out);
await archiveScene(out);
