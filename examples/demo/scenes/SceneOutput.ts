import type { Finding } from '@ordergate/core';

/** Where a demo scene prints: headings, lines and findings, in the chosen language. */
export interface SceneOutput {
  lang: 'en' | 'zh';
  heading(text: string): void;
  line(text: string): void;
  findings(list: readonly Finding[]): void;
}
